package org.gapsync.source.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.receipt.DamageReport;
import org.gapsync.format.receipt.DamagedRecord;
import org.gapsync.source.ledger.HeldFiles;
import org.gapsync.source.ledger.PackageRow;
import org.gapsync.source.ledger.SyncRow;
import org.gapsync.source.ledger.SyncState;
import org.gapsync.source.ledger.SyncTables;
import org.gapsync.source.ledger.Transaction;

/**
 * Applies a verified damage report to the ledger: what the destination holds of each record it
 * names becomes the files it re-read, and a record that was confirmed there is failed and queued
 * again, so that the next package carries exactly what the damage took.
 */
final class DamageIngester {
  private DamageIngester() {}

  /**
   * Applies {@code report}, read from {@code path}, in {@code tx}.
   *
   * @throws SelectionException if a package the report covers still waits for its receipt:
   *     that receipt must be ingested first, or it would overwrite the damage with what the
   *     destination held before it
   */
  static DamageResult apply(Transaction tx, DamageReport report, Path path) throws IOException {
    String destination = report.targetPlatform();
    if (tx.sync().hasDamageReport(report.reportId())) {
      return new DamageResult(report.reportId(), destination, true, List.of(), List.of(),
          Optional.empty());
    }
    Optional<PackageRow> unanswered = tx.sync().unanswered(destination).stream()
        .filter(p -> p.sequence() <= report.lastSequence()).findFirst();
    if (unanswered.isPresent()) {
      throw new SelectionException(path + " describes " + destination + " after package "
          + report.lastSequence() + ", but the receipt for " + unanswered.get().id() + " has not "
          + "been ingested; ingest that receipt first (a folder of both is taken in that order), "
          + "then this report; nothing was changed");
    }
    List<String> requeued = new ArrayList<>();
    List<String> noted = new ArrayList<>();
    for (DamagedRecord r : report.records()) {
      Optional<SyncRow> row = tx.sync().newest(r.archivalId(), destination);
      String id = r.archivalId();
      if (row.isEmpty()) {
        noted.add(id + ": never sent to " + destination + " from here");
        continue;
      }
      if (row.get().state() == SyncState.EXPORTED) {
        // Sent after the report's package: that package's receipt tells what it restored.
        noted.add(id + ": on its way in " + row.get().packageId().orElseThrow()
            + ", whose receipt tells what it restored");
        continue;
      }
      tx.sync().putHeld(destination, id, r.files());
      String damage = "damaged on " + destination + " (damage report " + report.reportId()
          + "): " + String.join("; ", r.damage());
      Optional<Digest> holds = Optional.of(HeldFiles.digest(r.files()));
      SyncRow current = row.get();
      switch (current.state()) {
        case CONFIRMED -> {
          tx.sync().setStates(List.of(new SyncTables.StateChange(current, SyncState.FAILED,
              current.packageId(), damage, holds)));
          requeued.add(id + ": " + String.join("; ", r.damage()));
        }
        case PENDING, FAILED -> noted.add(id + ": already queued; the next package carries "
            + "what the damage took");
        case CANCELLED -> noted.add(id + ": cancelled here, not sent again; "
            + "'package build --resend " + id + "' sends it whole");
        default -> throw new AssertionError(current.state());
      }
      if (current.state() != SyncState.CONFIRMED) {
        tx.sync().noteHeld(List.of(new SyncTables.StateChange(current, current.state(),
            current.packageId(), damage, holds)));
      }
    }
    tx.sync().addDamageReport(report.reportId(), destination, report.verified(),
        report.lastSequence(), report.records().size());
    return new DamageResult(report.reportId(), destination, false, requeued, noted,
        Optional.empty());
  }
}
