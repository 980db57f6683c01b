package org.gapsync.source.report;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.ledger.StateCheck;
import org.gapsync.source.export.UnknownDestinationException;
import org.gapsync.source.ledger.Destination;
import org.gapsync.source.ledger.PackageRow;
import org.gapsync.source.ledger.ReportTables;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.SyncState;
import org.gapsync.source.ledger.Transaction;
import org.gapsync.source.ledger.VolumeRow;

/**
 * Reads a {@link LedgerReport} from the ledger: the destinations' parts from one read-only
 * snapshot, so that their figures agree with each other while other commands go on writing,
 * then the chains' checks.
 *
 * <pre>{@code
 * LedgerReport r = new LedgerReporter(ledger).read(LedgerReporter.Selection.all(100),
 *     "archive-lan", "Provincial Archives", clock.instant(), "li.na");
 * }</pre>
 */
public final class LedgerReporter {
  private static final List<SyncState> FAILED = List.of(SyncState.FAILED);
  private static final List<SyncState> WAITING = List.of(SyncState.PENDING, SyncState.EXPORTED);

  private final SourceLedger ledger;

  /** Creates a reporter reading {@code ledger}. */
  public LedgerReporter(SourceLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * What a report covers.
   *
   * @param destination only this destination, or every one when empty
   * @param since the period's start, or all time when empty
   * @param limit how many entries each list shows at most, at least 1
   */
  public record Selection(Optional<String> destination, Optional<Instant> since, int limit) {
    /** Checks the parts. */
    public Selection {
      if (limit < 1) {
        throw new IllegalArgumentException("limit < 1: " + limit);
      }
    }

    /** Returns every destination for all time, {@code limit} entries a list. */
    public static Selection all(int limit) {
      return new Selection(Optional.empty(), Optional.empty(), limit);
    }
  }

  /**
   * Reads the report of {@code selection}, as of now, for {@code by}.
   *
   * @throws UnknownDestinationException if the selection names a destination the ledger does
   *     not know
   */
  public LedgerReport read(Selection selection, String platform, String organisation,
      Instant at, String by) throws IOException {
    record Parts(List<LedgerReport.DestinationPart> destinations,
        LedgerReport.Part<ReportTables.Unselected> unselected) {}
    Parts parts = ledger.inSnapshot(tx -> {
      List<LedgerReport.DestinationPart> destinations = new ArrayList<>();
      for (Destination d : tx.sync().destinations()) {
        if (selection.destination().map(d.id()::equals).orElse(true)) {
          destinations.add(part(tx, d, selection));
        }
      }
      if (selection.destination().isPresent() && destinations.isEmpty()) {
        throw new UnknownDestinationException(selection.destination().get());
      }
      ReportTables report = tx.report();
      return new Parts(destinations, new LedgerReport.Part<>(report.unselectedCount(),
          report.unselected(selection.limit())));
    });
    AuditTrail.Check audit = AuditTrail.of(ledger).verify();
    StateCheck states = ledger.verifyState().orElseThrow();
    return new LedgerReport(platform, organisation, at, by, selection.destination(),
        selection.since(), selection.limit(), parts.destinations(), parts.unselected(),
        new LedgerReport.Chain(audit, states));
  }

  private static LedgerReport.DestinationPart part(Transaction tx, Destination d,
      Selection selection) throws IOException {
    ReportTables report = tx.report();
    int limit = selection.limit();
    List<PackageRow> open = tx.sync().unanswered(d.id());
    List<LedgerReport.Unanswered> unanswered = new ArrayList<>();
    for (PackageRow p : open.subList(0, Math.min(limit, open.size()))) {
      List<VolumeRow> volumes = tx.volumes().of(p.id());
      unanswered.add(new LedgerReport.Unanswered(p, volumes.stream()
          .filter(v -> v.receiptId().isEmpty()).map(v -> v.volume().number()).toList(),
          volumes.size()));
    }
    return new LedgerReport.DestinationPart(d.id(), d.templateId() + " v"
        + d.templateVersion(), report.recordsByState(d.id()),
        report.confirmed(d.id(), selection.since()), tx.sync().lastPackage(d.id()),
        report.lastReceipt(d.id()),
        new LedgerReport.Part<>(report.count(d.id(), FAILED), report.longest(d.id(), FAILED,
            limit)),
        new LedgerReport.Part<>(report.count(d.id(), WAITING), report.longest(d.id(),
            WAITING, limit)),
        new LedgerReport.Part<>(open.size(), unanswered));
  }
}
