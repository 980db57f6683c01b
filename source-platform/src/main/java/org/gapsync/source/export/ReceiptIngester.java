package org.gapsync.source.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.gapsync.format.Digest;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackagePath;
import org.gapsync.format.Volume;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.receipt.DamageReport;
import org.gapsync.format.receipt.DamageReportKind;
import org.gapsync.format.receipt.GapNotice;
import org.gapsync.format.receipt.GapNoticeKind;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.PropertyCheck;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptVerifier;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.signature.DecryptedCopy;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.SyncPackageKind;
import org.gapsync.platform.Plural;
import org.gapsync.source.ledger.HeldFiles;
import org.gapsync.source.ledger.PackageRow;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.SyncRow;
import org.gapsync.source.ledger.SyncState;
import org.gapsync.source.ledger.SyncTables;
import org.gapsync.source.ledger.Transaction;
import org.gapsync.source.ledger.VolumeRow;

/**
 * Ingests a receipt: verifies it was signed by the destination the package went to, then
 * compares every record's files, as the target re-read them, with the whole state the ledger
 * expects there. Equal is confirmed; different, rejected or missing is failed with its reason
 * and re-queued, so the next package sends it again. Ingesting the same receipt twice changes
 * nothing.
 */
public final class ReceiptIngester {
  /** The receipt's records compared at a time: ledger queries take a few hundred ids. */
  private static final int BATCH = 512;
  private final SourceLedger ledger;
  private final String sourceId;
  private final Path trustFolder;

  /**
   * Creates an ingester for source {@code sourceId} that trusts the destinations' certificates
   * in {@code trustFolder}, and adopts there a destination's new certificate when its receipt
   * announces a key rotation.
   */
  public ReceiptIngester(SourceLedger ledger, String sourceId, Path trustFolder) {
    this.ledger = ledger;
    this.sourceId = sourceId;
    this.trustFolder = trustFolder;
  }

  /**
   * Ingests the receipt, the damage report or the gap notice at {@code path}: a damage report
   * queues again the records it names that were confirmed at its destination ({@link
   * DamageResult}); a gap notice changes nothing and says which packages its destination waits
   * for ({@link GapResult}).
   *
   * @throws PackageFormatException if it is invalid, signed by another than its destination,
   *     or answers a package (or comes from a destination) the ledger does not know
   */
  public Ingested ingest(Path path) throws IOException {
    return ingest(path, path);
  }

  /**
   * Ingests the receipt encrypted to this source at {@code sealed}: decrypts it with whichever
   * of {@code keys} (the current one and the retired ones) it was made for into
   * {@code scratch}, ingests that and removes it.
   *
   * @throws PackageFormatException if it is encrypted for none of {@code keys}, does not
   *     decrypt, or is refused as {@link #ingest(Path)} refuses
   */
  public Ingested ingestSealed(Path sealed, List<SigningKey> keys, Path scratch)
      throws IOException {
    DecryptedCopy plain;
    try {
      plain = DecryptedCopy.create(sealed, keys, scratch);
    } catch (PackageFormatException e) {
      throw new PackageFormatException(sealed + ": receipt refused: " + e.getMessage(), e);
    }
    try (plain) {
      return ingest(plain.path(), sealed);
    }
  }

  /**
   * Returns {@code receipts} in the order to ingest them: those that answer a package still
   * waiting for its receipt in each destination's sequence order (a receipt names the package it
   * answers, {@link PackageId#receipt()}, before any file extension), then the others by name.
   */
  public List<Path> inSequenceOrder(List<Path> receipts) throws IOException {
    Map<String, PackageRow> waiting = new java.util.HashMap<>();
    ledger.inTransaction(tx -> {
      for (var d : tx.sync().destinations()) {
        for (PackageRow p : tx.sync().unanswered(d.id())) {
          waiting.put(p.id().receipt().value(), p);
          for (VolumeRow v : tx.volumes().of(p.id())) {
            waiting.put(v.volume().bagName(p.id()).receipt().value(), p);
          }
        }
      }
      return null;
    });
    record Ordered(Path path, Optional<PackageRow> answers) {}
    return receipts.stream()
        .map(r -> new Ordered(r, answered(r.getFileName().toString(), waiting)))
        .sorted(java.util.Comparator.<Ordered, Boolean>comparing(o -> o.answers().isEmpty())
            .thenComparing(o -> o.answers().map(PackageRow::destination).orElse(""))
            .thenComparingLong(o -> o.answers().map(PackageRow::sequence).orElse(0L))
            .thenComparing(o -> o.path().getFileName().toString()))
        .map(Ordered::path).toList();
  }

  private static Optional<PackageRow> answered(String name, Map<String, PackageRow> waiting) {
    for (int dot = name.length(); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      PackageRow p = waiting.get(name.substring(0, dot));
      if (p != null) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private Ingested ingest(Path read, Path path) throws IOException {
    ReceiptVerifier verifier = new ReceiptVerifier(TrustStore.readFolder(trustFolder));
    Verification<Receipt> v = verifier.verify(read);
    if (v.header().isEmpty() && DamageReportKind.INSTANCE.isHeldBy(read)) {
      return ingestDamage(verifier.verifyDamageReport(read), path);
    }
    if (v.header().isEmpty() && GapNoticeKind.INSTANCE.isHeldBy(read)) {
      return ingestGap(verifier.verifyGapNotice(read), path);
    }
    if (v.header().isEmpty() && SyncPackageKind.INSTANCE.isHeldBy(read)) {
      throw new SelectionException(path + " is a sync package, not a receipt: take it to its "
          + "target and import it there with 'package import'; the receipt that comes back is "
          + "what 'receipt ingest' takes; nothing was changed");
    }
    Receipt receipt = fromItsDestination(v, path, "receipt", Receipt::targetPlatform,
        "sign its receipts");
    IngestResult result = ledger.inTransaction(tx -> {
      tx.shareHoldings();
      tx.lockDestination(receipt.targetPlatform());
      return apply(tx, receipt, path);
    });
    return result.adopting(TrustStore.adopt(trustFolder, v.signature().orElseThrow()));
  }

  /**
   * Returns what {@code v} verified, refusing it unless it is valid and signed by the
   * destination it comes from ({@code targetOf} it): only that destination may {@code may}.
   */
  private static <T> T fromItsDestination(Verification<T> v, Path path, String kind,
      java.util.function.Function<T, String> targetOf, String may)
      throws PackageFormatException {
    if (!v.isValid()) {
      throw new PackageFormatException(path + ": " + kind + " refused, " + Plural.of(v
          .report().findings().size(), "finding") + ": " + v.report().findings().stream()
          .map(Object::toString).collect(Collectors.joining("; ")));
    }
    T document = v.header().orElseThrow();
    String target = targetOf.apply(document);
    String signer = v.signature().flatMap(s -> s.trustedAs()).orElseThrow();
    if (!signer.equals(target)) {
      throw new PackageFormatException(path + ": " + kind + " of " + target + " is signed by "
          + signer + "; only the destination itself may " + may);
    }
    return document;
  }

  private DamageResult ingestDamage(Verification<DamageReport> v, Path path)
      throws IOException {
    DamageReport report = fromItsDestination(v, path, "damage report",
        DamageReport::targetPlatform, "report its damage");
    if (!report.sourcePlatform().equals(sourceId)) {
      throw new SelectionException(path + " reports damage to the records of "
          + report.sourcePlatform() + ", not of this source (" + sourceId + "); take it to "
          + report.sourcePlatform() + "; nothing was changed");
    }
    DamageResult result = ledger.inTransaction(tx -> {
      tx.shareHoldings();
      tx.lockDestination(report.targetPlatform());
      if (tx.sync().destination(report.targetPlatform()).isEmpty()) {
        throw new PackageFormatException(path + ": damage report from " + report
            .targetPlatform() + ", which is not a destination here");
      }
      return DamageIngester.apply(tx, report, path);
    });
    return result.adopting(TrustStore.adopt(trustFolder, v.signature().orElseThrow()));
  }

  private GapResult ingestGap(Verification<GapNotice> v, Path path) throws IOException {
    GapNotice notice = fromItsDestination(v, path, "gap notice", GapNotice::targetPlatform,
        "say what it waits for");
    if (!notice.sourcePlatform().equals(sourceId)) {
      throw new SelectionException(path + " names packages of " + notice.sourcePlatform()
          + ", not of this source (" + sourceId + "); take it to " + notice.sourcePlatform()
          + "; nothing was changed");
    }
    String destination = notice.targetPlatform();
    GapResult result = ledger.inTransaction(tx -> {
      tx.shareHoldings();
      tx.lockDestination(destination);
      if (tx.sync().destination(destination).isEmpty()) {
        throw new PackageFormatException(path + ": gap notice from " + destination
            + ", which is not a destination here");
      }
      List<GapResult.Missing> missing = new java.util.ArrayList<>();
      for (long sequence : notice.missing()) {
        PackageId id = PackageId.of(sourceId, destination, sequence);
        Optional<PackageRow> row = tx.sync().packageRow(id);
        missing.add(new GapResult.Missing(sequence, id, row.isPresent(), row.flatMap(
            PackageRow::receiptId).isPresent()));
      }
      return new GapResult(notice.noticeId(), destination, notice.lastSequence(), missing,
          notice.held().stream().map(GapNotice.Held::packageId).toList(), Optional.empty());
    });
    return result.adopting(TrustStore.adopt(trustFolder, v.signature().orElseThrow()));
  }

  private IngestResult apply(Transaction tx, Receipt receipt, Path path) throws IOException {
    PackageId packageId = receipt.packageId();
    PackageRow p = tx.sync().packageRow(packageId).orElseThrow(() -> new PackageFormatException(
        path + ": receipt for unknown package " + packageId + "; it was not built here"));
    if (!p.destination().equals(receipt.targetPlatform())) {
      throw new PackageFormatException(path + ": package " + packageId + " went to "
          + p.destination() + ", but the receipt comes from " + receipt.targetPlatform());
    }
    List<VolumeRow> volumes = tx.volumes().of(packageId);
    OptionalInt volume = OptionalInt.empty();
    Optional<PackageId> answered = p.receiptId();
    String answers = "package " + packageId;
    if (receipt.volume().isPresent()) {
      Volume v = receipt.volume().get();
      VolumeRow row = volumes.stream().filter(r -> r.volume().equals(v)).findFirst()
          .orElseThrow(() -> new PackageFormatException(path + ": receipt for " + v + " of "
              + "package " + packageId + ", which was written " + (volumes.isEmpty() ? "whole"
              : "as " + volumes.size() + " volumes") + "; it does not answer what was built "
              + "here"));
      volume = OptionalInt.of(v.number());
      answered = row.receiptId();
      answers = v + " of package " + packageId;
    } else if (!volumes.isEmpty()) {
      throw new PackageFormatException(path + ": receipt for package " + packageId + " whole, "
          + "but it was written as " + volumes.size() + " volumes, each answered by a receipt "
          + "of its own; it does not answer what was built here");
    }
    if (answered.isPresent()) {
      if (answered.get().equals(receipt.receiptId())) {
        return new IngestResult(packageId, receipt.receiptId(), true, 0,
            List.of(), Optional.empty());
      }
      throw new PackageFormatException(path + ": " + answers + " already has receipt "
          + answered.get() + "; a second, different receipt is refused");
    }
    // A receipt may answer a million records: it is walked once, a batch at a time, each
    // batch's rows and expected files read in two queries and its states and held files
    // written in two more; the rows no record of the receipt answered are failed after.
    long[] confirmed = {0};
    List<String> failed = new ArrayList<>();
    List<RecordResult> batch = new ArrayList<>(BATCH);
    for (RecordResult r : receipt.records()) {
      batch.add(r);
      if (batch.size() == BATCH) {
        settle(tx, receipt, p, volume, batch, confirmed, failed);
        batch.clear();
      }
    }
    settle(tx, receipt, p, volume, batch, confirmed, failed);
    List<SyncTables.StateChange> unanswered = new ArrayList<>();
    SyncTables.RowConsumer fail = row -> {
      String problem = problem(receipt, row, null, List.of()).orElseThrow();
      unanswered.add(new SyncTables.StateChange(row, SyncState.FAILED, Optional.of(packageId),
          problem));
      failed.add(row.archivalId() + ": " + problem);
    };
    if (volume.isPresent() && receipt.outcome() == PackageOutcome.ACCEPTED) {
      // A record spanning volumes is answered with the one that completed it at the target.
      tx.sync().forEachSettledBy(packageId, volume.getAsInt(), SyncState.EXPORTED, fail);
    } else {
      tx.sync().forEachCarried(packageId, volume, SyncState.EXPORTED, fail);
    }
    tx.sync().setStates(unanswered);
    if (volume.isPresent()) {
      tx.volumes().setReceipt(packageId, volume.getAsInt(), receipt.receiptId());
    }
    // A set is answered once every volume is: until then it still waits for receipts.
    long waiting = volumes.stream().filter(v -> v.receiptId().isEmpty()).count();
    if (volumes.isEmpty() || waiting == 1) {
      tx.sync().setReceipt(packageId, receipt.receiptId());
    }
    return new IngestResult(packageId, receipt.receiptId(), false, confirmed[0], failed,
        Optional.empty());
  }

  /** Compares one batch of the receipt's records with the rows the package carried of them. */
  private static void settle(Transaction tx, Receipt receipt, PackageRow p,
      OptionalInt volume, List<RecordResult> batch, long[] confirmed, List<String> failed)
      throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    PackageId packageId = p.id();
    Map<String, RecordResult> results = new java.util.HashMap<>();
    batch.forEach(r -> results.put(r.archivalId(), r));
    List<String> ids = List.copyOf(results.keySet());
    Map<String, List<FileState>> expected = tx.sync().expectedOf(packageId, ids);
    Map<String, List<FileState>> held = new java.util.LinkedHashMap<>();
    List<SyncTables.StateChange> changes = new ArrayList<>();
    List<SyncTables.StateChange> notes = new ArrayList<>();
    boolean isAccepted = receipt.outcome() == PackageOutcome.ACCEPTED;
    for (SyncRow row : tx.sync().carriedBy(packageId, volume, ids)) {
      RecordResult result = results.get(row.archivalId());
      // What an accepted receipt reports becomes what the ledger keeps as held, bound to the
      // event that records it.
      Optional<Digest> holds = isAccepted ? Optional.of(HeldFiles.digest(result.files()))
          : Optional.empty();
      if (isAccepted) {
        held.put(row.archivalId(), result.files());
      }
      if (row.state() != SyncState.EXPORTED) {
        if (isAccepted) {
          notes.add(new SyncTables.StateChange(row, row.state(), row.packageId(), "holds what "
              + "receipt " + receipt.receiptId() + " reports", holds));
        }
        continue;
      }
      Optional<String> problem = problem(receipt, row, result, expected.getOrDefault(
          row.archivalId(), List.of()));
      if (problem.isEmpty()) {
        changes.add(new SyncTables.StateChange(row, SyncState.CONFIRMED, Optional.of(packageId),
            "confirmed by receipt " + receipt.receiptId(), holds));
        confirmed[0]++;
      } else {
        changes.add(new SyncTables.StateChange(row, SyncState.FAILED, Optional.of(packageId),
            problem.get(), holds));
        failed.add(row.archivalId() + ": " + problem.get());
      }
    }
    tx.sync().putHeld(p.destination(), held);
    tx.sync().setStates(changes);
    tx.sync().noteHeld(notes);
  }

  private static Optional<String> problem(Receipt receipt, SyncRow row, RecordResult result,
      List<FileState> expected) {
    if (receipt.outcome() == PackageOutcome.LOST) {
      return Optional.of(receipt.volume().orElseThrow() + " of package " + receipt.packageId()
          + " was declared lost at " + receipt.targetPlatform() + " (" + receipt.checks()
              .stream().map(PropertyCheck::detail).collect(Collectors.joining("; "))
          + "); its records are sent again");
    }
    if (receipt.outcome() == PackageOutcome.REJECTED) {
      return Optional.of("package rejected by " + receipt.targetPlatform() + ": "
          + receipt.findings().stream().limit(3).map(Object::toString)
              .collect(Collectors.joining("; ")));
    }
    if (result == null) {
      return Optional.of("missing from receipt " + receipt.receiptId());
    }
    if (result.outcome() == RecordOutcome.REJECTED) {
      return Optional.of("rejected by " + receipt.targetPlatform() + ": "
          + result.reason().orElse("no reason given"));
    }
    return difference(expected, result.files());
  }

  /** Describes how the files a target holds differ from those expected, if they do. */
  static Optional<String> difference(List<FileState> expected, List<FileState> actual) {
    Map<PackagePath, FileState> want = new TreeMap<>();
    expected.forEach(f -> want.put(f.path(), f));
    Map<PackagePath, FileState> have = new TreeMap<>();
    actual.forEach(f -> have.put(f.path(), f));
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<PackagePath, FileState> w : want.entrySet()) {
      FileState h = have.remove(w.getKey());
      if (h == null) {
        diffs.add(w.getKey() + " missing on the target");
      } else if (!h.equals(w.getValue())) {
        diffs.add(w.getKey() + ": actual sha256 " + h.digest().hex() + " (" + h.size()
            + " bytes) != expected " + w.getValue().digest().hex() + " (" + w.getValue().size()
            + " bytes)");
      }
    }
    have.keySet().forEach(p -> diffs.add(p + " on the target but not expected"));
    return diffs.isEmpty() ? Optional.empty()
        : Optional.of("replica differs: " + String.join("; ", diffs));
  }
}
