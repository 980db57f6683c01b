package org.gapsync.target.console;

import java.util.List;
import java.util.Optional;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.console.ConsoleView;
import org.gapsync.platform.ferry.FerryStatus;
import org.gapsync.target.ledger.FileEvent;
import org.gapsync.target.ledger.ReceivedPackage;
import org.gapsync.target.ledger.ReplicaDamage;
import org.gapsync.target.ledger.ReplicaFile;
import org.gapsync.target.ledger.ReplicaRecord;
import org.gapsync.target.ledger.ReplicaTables;
import org.gapsync.target.ledger.SetProgress;
import org.gapsync.target.ledger.SourceProgress;

/** What the target console's templates read, one record per page. */
public final class ConsolePages {
  private ConsolePages() {}

  /**
   * The dashboard ({@code console-dashboard.jte}): each source's progress, what waits, the last
   * receipts, the damage found, what the replica holds, the audit chain and the ferry.
   *
   * @param view its frame
   * @param progress each source's last sequence applied
   * @param sets the sets of volumes in progress
   * @param waiting the packages waiting for a predecessor
   * @param receipts the last receipts written
   * @param damage the records found damaged that no package has restored yet
   * @param holding what the replica holds
   * @param chain the audit trail's check
   * @param ferry the ferry's last round, if it runs
   */
  public record Dashboard(ConsoleView view, List<SourceProgress> progress,
      List<SetProgress> sets, List<ReceivedPackage> waiting, List<ReceivedPackage> receipts,
      List<ReplicaDamage> damage, ReplicaTables.Holding holding, AuditTrail.Check chain,
      Optional<FerryStatus> ferry) {}

  /**
   * The record search ({@code console-records.jte}).
   *
   * @param view its frame
   * @param text what was searched for, or empty before a search
   * @param field where: {@code any} (id or title) or {@code id}
   * @param found the records found, at most {@code limit}
   * @param limit how many a search shows at most
   */
  public record Records(ConsoleView view, String text, String field,
      List<ReplicaTables.Found> found, int limit) {
    /** Returns whether the search found more than it shows. */
    public boolean isCut() {
      return found.size() >= limit;
    }
  }

  /**
   * A record of the replica from one source: its files and what each package did to them.
   *
   * @param record the record
   * @param title its title, or empty
   * @param files its files now
   * @param history what each package did to its files, oldest first
   */
  public record Entry(ReplicaRecord record, String title, List<ReplicaFile> files,
      List<FileEvent> history) {}

  /**
   * A record, from every source that sent one by its id ({@code console-record.jte}).
   *
   * @param view its frame
   * @param entries the record from each source
   */
  public record Record(ConsoleView view, List<Entry> entries) {}

  /**
   * The packages received ({@code console-packages.jte}).
   *
   * @param view its frame
   * @param packages the newest, newest first
   * @param limit how many the page shows at most
   */
  public record Packages(ConsoleView view, List<ReceivedPackage> packages, int limit) {}
}
