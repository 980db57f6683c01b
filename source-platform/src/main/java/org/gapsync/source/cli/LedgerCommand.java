package org.gapsync.source.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageId;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.AuditEventsCommand;
import org.gapsync.platform.cli.AuditSealCommand;
import org.gapsync.platform.cli.AuditVerifyCommand;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.FormatOption;
import org.gapsync.platform.cli.LedgerMigrateCommand;
import org.gapsync.platform.cli.Listing;
import org.gapsync.platform.cli.PremisExportCommand;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.source.export.SelectionException;
import org.gapsync.source.export.UnknownDestinationException;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.SyncEvent;
import org.gapsync.source.ledger.SyncRow;
import org.gapsync.source.ledger.SyncState;
import org.gapsync.source.ledger.Transaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ledger}: the sync ledger, for archivists and auditors. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "The sync ledger.",
    subcommands = {LedgerCommand.Query.class, LedgerCommand.History.class,
        LedgerCommand.Cancel.class, AuditVerifyCommand.class, AuditEventsCommand.class,
        AuditSealCommand.class, LedgerReportCommand.class, PremisExportCommand.class,
        LedgerMigrateCommand.class})
final class LedgerCommand {
  /**
   * Refuses a record or destination the ledger does not know, so that a mistyped id is not
   * answered as if it had nothing.
   */
  static void known(Transaction tx, Optional<String> archivalId, Optional<String> destination)
      throws IOException {
    if (archivalId.isPresent() && tx.records().stat(archivalId.get()).isEmpty()) {
      throw new SelectionException("unknown record " + archivalId.get() + "; 'ledger query' "
          + "without --archival-id lists the records the ledger knows");
    }
    if (destination.isPresent() && tx.sync().destination(destination.get()).isEmpty()) {
      throw new UnknownDestinationException(destination.get());
    }
  }

  /** {@code ledger query}. */
  @ReadsOnly
  @Permitted({Role.ARCHIVIST, Role.AUDITOR})
  @Command(name = "query", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform ledger query --state failed",
          "  source-platform ledger query --destination reading-room --format csv"},
      description = "Lists the state of records at destinations.")
  static final class Query implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--archival-id", paramLabel = "ID",
        description = "Only this record (default: every record).")
    private Optional<String> archivalId;

    @Option(names = "--destination", paramLabel = "TARGET",
        description = "Only at this destination (default: every destination).")
    private Optional<String> destination;

    @Option(names = "--state", paramLabel = "STATE",
        description = "pending, exported, confirmed, failed or cancelled.")
    private Optional<SyncState> state;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      boolean brief = format.isTable();
      try (SourceLedger ledger = SourceCommand.root(spec).ledger()) {
        // Rows are printed as the ledger reads them: a million states in bounded memory.
        ledger.inTransaction(tx -> {
          known(tx, archivalId, destination);
          try (Listing list = brief
              ? format.list(out, "archivalId", "destination", "version", "change", "state",
                  "attempts", "packageId")
              : format.list(out, "archivalId", "destination", "version", "change", "state",
                  "attempts", "packageId", "lastFailure", "updated")) {
            tx.sync().forEachRow(archivalId, destination, state, r -> {
              if (brief) {
                list.row(r.archivalId(), r.destination(), r.version(), r.change(),
                    r.state().label(), r.attempts(), r.packageId().map(PackageId::value));
              } else {
                list.row(r.archivalId(), r.destination(), r.version(), r.change(),
                    r.state().label(), r.attempts(), r.packageId().map(PackageId::value),
                    r.lastFailure(), r.updatedAt());
              }
            });
          }
          return null;
        });
      }
      return ExitCodes.OK;
    }
  }

  /** {@code ledger history ID}. */
  @ReadsOnly
  @Permitted({Role.ARCHIVIST, Role.AUDITOR})
  @Command(name = "history", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform ledger history F001-1998-0001"},
      description = "Every event of one record, per destination, in order.")
  static final class History implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The record's archival id.")
    private String archivalId;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() throws Exception {
      List<SyncEvent> events;
      try (SourceLedger ledger = SourceCommand.root(spec).ledger()) {
        events = ledger.inTransaction(tx -> {
          known(tx, Optional.of(archivalId), Optional.empty());
          return tx.sync().history(archivalId);
        });
      }
      PrintWriter out = spec.commandLine().getOut();
      if (events.isEmpty() && format.isTable()) {
        out.println("no events for " + archivalId);
        return ExitCodes.OK;
      }
      try (Listing list = format.list(out, "at", "destination", "version", "state", "actor",
          "packageId", "detail")) {
        for (SyncEvent e : events) {
          list.row(e.at(), e.destination(), e.version(), e.state().label(), e.actor(),
              e.packageId().map(PackageId::value), e.detail());
        }
      }
      return ExitCodes.OK;
    }
  }

  /** {@code ledger cancel}. */
  @Permitted(Role.ARCHIVIST)
  @Command(name = "cancel", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform ledger cancel --archival-id F001-1998-0002 --destination "
              + "reading-room"},
      description = "Stops re-sending a record to a destination: its waiting, exported or "
          + "failed syncs become cancelled.")
  static final class Cancel implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--archival-id", required = true, paramLabel = "ID",
        description = "The record to stop sending.")
    private String archivalId;

    @Option(names = "--destination", required = true, paramLabel = "TARGET",
        description = "The destination to stop sending it to.")
    private String destination;

    @Override
    public Integer call() throws Exception {
      int cancelled;
      try (SourceLedger ledger = SourceCommand.root(spec).ledger()) {
        cancelled = ledger.inTransaction(tx -> {
          tx.shareHoldings();
          tx.lockDestination(destination);
          known(tx, Optional.of(archivalId), Optional.of(destination));
          int n = 0;
          for (SyncRow r : tx.sync().rows(Optional.of(archivalId), Optional.of(destination),
              Optional.empty())) {
            if (r.state() == SyncState.PENDING || r.state() == SyncState.FAILED
                || r.state() == SyncState.EXPORTED) {
              tx.sync().setState(r, SyncState.CANCELLED, r.packageId(),
                  "cancelled by " + tx.actor());
              n++;
            }
          }
          return n;
        });
      }
      spec.commandLine().getOut().println(cancelled == 0 ? "nothing to cancel for "
          + archivalId + " at " + destination : "cancelled " + cancelled + " sync"
          + (cancelled == 1 ? "" : "s") + " of " + archivalId + " to " + destination);
      return ExitCodes.OK;
    }
  }
}
