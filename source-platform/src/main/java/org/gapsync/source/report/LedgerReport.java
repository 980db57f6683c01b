package org.gapsync.source.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.ledger.StateCheck;
import org.gapsync.source.ledger.PackageRow;
import org.gapsync.source.ledger.ReportTables;
import org.gapsync.source.ledger.SyncState;

/**
 * What the sync ledger says to an auditor at one moment: per destination the records by state,
 * what was confirmed in the period, what failed and why, what waits longest and the packages
 * still without receipts; the records no destination was given; and whether the audit trail
 * and the sync events hold. Every list is bounded by the report's limit beside its total.
 *
 * @param platform the source platform's id
 * @param organisation the archive that keeps it
 * @param at when the ledger was read
 * @param by who asked
 * @param destination the one destination reported, or empty for every one
 * @param since the start of the period reported, or empty for all time
 * @param limit how many entries each list shows at most
 * @param destinations what each destination's records and packages are
 * @param unselected the live records no destination was given
 * @param chain whether the audit trail and the sync events hold
 */
public record LedgerReport(String platform, String organisation, Instant at, String by,
    Optional<String> destination, Optional<Instant> since, int limit,
    List<DestinationPart> destinations, Part<ReportTables.Unselected> unselected,
    Chain chain) {
  /** Checks and copies the parts. */
  public LedgerReport {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(since, "since");
    destinations = List.copyOf(destinations);
    Objects.requireNonNull(unselected, "unselected");
    Objects.requireNonNull(chain, "chain");
  }

  /**
   * The first entries of a list, and how many it has in all.
   *
   * @param total how many entries the list has
   * @param shown its first entries, at most the report's limit
   */
  public record Part<T>(long total, List<T> shown) {
    /** Copies the list. */
    public Part {
      shown = List.copyOf(shown);
    }

    /** Returns whether entries were left out. */
    public boolean isCut() {
      return total > shown.size();
    }
  }

  /**
   * A package without its receipt, and which of its volumes lack theirs.
   *
   * @param row the package
   * @param openVolumes the volumes of a set still without receipts (empty for a whole package)
   * @param volumeCount how many volumes the set has (0 for a whole package)
   */
  public record Unanswered(PackageRow row, List<Integer> openVolumes, int volumeCount) {
    /** Copies the list. */
    public Unanswered {
      openVolumes = List.copyOf(openVolumes);
    }
  }

  /**
   * One destination's part of the report.
   *
   * @param id the destination
   * @param template its template and the template's version
   * @param states how many records are in each state, by their newest version
   * @param confirmed the confirmations of the period
   * @param lastPackage the last package built for it, if any
   * @param lastReceipt when its last receipt was ingested, if one was
   * @param failed the records whose last sync failed, the longest failing first
   * @param waiting the records queued or sent and not yet confirmed, the longest waiting first
   * @param unanswered the packages sent to it still without receipts, in order
   */
  public record DestinationPart(String id, String template, Map<SyncState, Long> states,
      ReportTables.Confirmations confirmed, Optional<PackageRow> lastPackage,
      Optional<Instant> lastReceipt, Part<ReportTables.Line> failed,
      Part<ReportTables.Line> waiting, Part<Unanswered> unanswered) {
    /** Copies the map. */
    public DestinationPart {
      states = Map.copyOf(states);
    }

    /** Returns how many records the destination was given, in any state. */
    public long records() {
      return states.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Whether the ledger's chains hold.
   *
   * @param audit the audit trail's check
   * @param states the sync events' check against the sync states
   */
  public record Chain(AuditTrail.Check audit, StateCheck states) {
    /** Returns whether both hold. */
    public boolean isIntact() {
      return audit.isIntact() && states.isIntact();
    }
  }
}
