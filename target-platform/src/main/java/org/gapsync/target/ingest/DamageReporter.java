package org.gapsync.target.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gapsync.format.FileState;
import org.gapsync.format.receipt.DamageReport;
import org.gapsync.format.receipt.DamagedRecord;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.target.ledger.ReplicaDamage;
import org.gapsync.target.ledger.ReplicaRecord;
import org.gapsync.target.ledger.SourceProgress;
import org.gapsync.target.ledger.TargetLedger;
import org.gapsync.target.ledger.Transaction;
import org.gapsync.target.replica.ReplicaStore;
import org.gapsync.target.replica.ReplicaVerifier;

/**
 * Re-reads the whole replica and, for each source whose records it finds damaged, writes a
 * signed damage report onto the medium: each damaged record with what is wrong and its files as
 * they are now, so that the source sends exactly what the damage took. The report is encrypted
 * to the source when this target trusts a certificate of it that can be encrypted to. Then the
 * ledger records the damage, until a package applies the record again.
 *
 * <pre>{@code
 * DamageReporter.Result r = new DamageReporter(ledger, folders, "reading-room", trust, key,
 *     clock, "li.na").report(Path.of("/media/usb/receipts"));
 * }</pre>
 */
public final class DamageReporter {
  private final TargetLedger ledger;
  private final TargetFolders folders;
  private final String targetId;
  private final TrustStore trust;
  private final Receipts receipts;
  private final ReplicaStore store;
  private final Clock clock;
  private final String operator;

  /** Creates a reporter for target {@code targetId}, signing with {@code key}. */
  public DamageReporter(TargetLedger ledger, TargetFolders folders, String targetId,
      TrustStore trust, SigningKey key, Clock clock, String operator) {
    this.ledger = ledger;
    this.folders = folders;
    this.targetId = targetId;
    this.trust = trust;
    this.receipts = new Receipts(new PackageSigner(key, clock), targetId, folders.receipts());
    this.store = new ReplicaStore(folders.replica());
    this.clock = clock;
    this.operator = operator;
  }

  /**
   * What the re-read found and what was written.
   *
   * @param verification the comparison of the replica with the ledger
   * @param reports the damage report written for each source, by source
   * @param damaged the damaged records of each source, by source
   * @param unattributed differences in no record's folder, which no package restores
   */
  public record Result(ReplicaVerifier.Result verification, Map<String, Path> reports,
      Map<String, List<DamagedRecord>> damaged, List<String> unattributed) {
    /** Copies the parts. */
    public Result {
      reports = Map.copyOf(reports);
      damaged = Map.copyOf(damaged);
      unattributed = List.copyOf(unattributed);
    }
  }

  /** Re-reads the replica and writes each source's damage report into {@code receiptTo}. */
  public Result report(Path receiptTo) throws IOException {
    ReplicaVerifier.Result verification = ledger.inTransaction(tx ->
        new ReplicaVerifier(store).verify(tx.replica()::forEachExpected));
    Instant now = clock.instant();
    Map<String, List<DamagedRecord>> damaged = new TreeMap<>();
    List<String> unattributed = new ArrayList<>();
    ledger.inTransaction(tx -> {
      attribute(tx, verification.differences(), damaged, unattributed);
      return null;
    });
    Map<String, Path> reports = new TreeMap<>();
    Map<String, DamageReport> made = new TreeMap<>();
    for (Map.Entry<String, List<DamagedRecord>> e : damaged.entrySet()) {
      String source = e.getKey();
      long last = ledger.inTransaction(tx -> tx.packages().progress(source)).lastSequence();
      DamageReport report = DamageReport.of(source, targetId, now, operator, last,
          e.getValue());
      Path stored = receipts.store(report, text(report));
      reports.put(source, receipts.deliver(stored, receiptTo, sealTo(source),
          folders.scratch()));
      made.put(source, report);
    }
    ledger.inTransaction(tx -> {
      for (SourceProgress p : tx.packages().allProgress()) {
        Optional<DamageReport> report = Optional.ofNullable(made.get(p.sourceId()));
        tx.replica().replaceDamage(p.sourceId(), report.map(DamageReporter::rows)
            .orElse(List.of()));
      }
      return null;
    });
    return new Result(verification, reports, damaged, unattributed);
  }

  /** Sorts each difference, {@code SOURCE/FOLDER/PATH: what}, to the record whose folder has it. */
  private void attribute(Transaction tx, List<String> differences,
      Map<String, List<DamagedRecord>> damaged, List<String> unattributed) throws IOException {
    Map<String, Map<String, List<String>>> lines = new TreeMap<>();
    for (String difference : differences) {
      String path = difference.substring(0, difference.indexOf(": "));
      Optional<ReplicaRecord> record = tx.replica().recordHolding(path)
          .filter(r -> !r.isDeleted());
      if (record.isEmpty()) {
        unattributed.add(difference);
        continue;
      }
      String prefix = record.get().sourceId() + "/" + record.get().folder() + "/";
      lines.computeIfAbsent(record.get().sourceId(), s -> new TreeMap<>())
          .computeIfAbsent(record.get().archivalId(), a -> new ArrayList<>())
          .add(difference.substring(prefix.length()));
    }
    for (var source : lines.entrySet()) {
      List<DamagedRecord> records = new ArrayList<>();
      for (var r : source.getValue().entrySet()) {
        ReplicaRecord held = tx.replica().record(source.getKey(), r.getKey()).orElseThrow();
        List<FileState> now = store.reread(source.getKey(), held.folder());
        records.add(new DamagedRecord(r.getKey(), held.version(), r.getValue(), now));
      }
      damaged.put(source.getKey(), records);
    }
  }

  private Optional<X509Certificate> sealTo(String source) {
    return trust.current(source).filter(c -> {
      try {
        EnvelopeWriter.to(c);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    });
  }

  private static List<ReplicaDamage> rows(DamageReport report) {
    return report.records().stream().map(r -> new ReplicaDamage(report.sourcePlatform(),
        r.archivalId(), r.version(), String.join("\n", r.damage()), report.verified(),
        report.reportId())).toList();
  }

  private static String text(DamageReport report) {
    StringBuilder out = new StringBuilder("Damage found in the replica of "
        + report.targetPlatform() + " at " + report.verified() + " by " + report.operator()
        + ", after package " + report.lastSequence() + " from " + report.sourcePlatform()
        + ":\n");
    for (DamagedRecord r : report.records()) {
      out.append("record ").append(r.archivalId()).append(", version ").append(r.version())
          .append(":\n");
      r.damage().forEach(d -> out.append("  ").append(d).append('\n'));
    }
    return out.toString();
  }
}
