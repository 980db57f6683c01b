package org.gapsync.source.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageId;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.AuditSealCommand;
import org.gapsync.platform.cli.AuditVerifyCommand;
import org.gapsync.platform.cli.ExitCodes;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ledger}: the sync ledger, for archivists and auditors. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "The sync ledger.",
    subcommands = {LedgerCommand.Query.class, LedgerCommand.History.class,
        LedgerCommand.Cancel.class, AuditVerifyCommand.class,
        AuditSealCommand.class, PremisExportCommand.class})
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

  enum Format { table, csv, json }

  /** {@code ledger query}. */
  @ReadsOnly
  @Permitted({Role.ARCHIVIST, Role.AUDITOR})
  @Command(name = "query", mixinStandardHelpOptions = true,
      description = "Lists the state of records at destinations.")
  static final class Query implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--archival-id", paramLabel = "ID")
    private Optional<String> archivalId;

    @Option(names = "--destination", paramLabel = "TARGET")
    private Optional<String> destination;

    @Option(names = "--state", paramLabel = "STATE",
        description = "pending, exported, confirmed, failed or cancelled.")
    private Optional<SyncState> state;

    @Option(names = "--format", defaultValue = "table",
        description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Override
    public Integer call() throws Exception {
      List<SyncRow> rows;
      try (SourceLedger ledger = SourceCommand.root(spec).ledger()) {
        rows = ledger.inTransaction(tx -> {
          known(tx, archivalId, destination);
          return tx.sync().rows(archivalId, destination, state);
        });
      }
      PrintWriter out = spec.commandLine().getOut();
      switch (format) {
        case json -> json(rows, out);
        case csv -> {
          out.println("archivalId,destination,version,change,state,attempts,packageId,"
              + "lastFailure");
          rows.forEach(r -> out.println(String.join(",", csv(r.archivalId()),
              csv(r.destination()), String.valueOf(r.version()), r.change(), r.state().label(),
              String.valueOf(r.attempts()), csv(r.packageId().map(PackageId::value).orElse("")),
              csv(r.lastFailure().orElse("")))));
        }
        default -> {
          out.printf("%-24s %-16s %7s %-8s %-10s %8s  %s%n", "ARCHIVAL ID", "DESTINATION",
              "VERSION", "CHANGE", "STATE", "ATTEMPTS", "PACKAGE");
          rows.forEach(r -> out.printf("%-24s %-16s %7d %-8s %-10s %8d  %s%n", r.archivalId(),
              r.destination(), r.version(), r.change(), r.state().label(), r.attempts(),
              r.packageId().map(PackageId::value).orElse("-")));
        }
      }
      return ExitCodes.OK;
    }

    private static void json(List<SyncRow> rows, PrintWriter out) throws IOException {
      try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
        json.useDefaultPrettyPrinter();
        json.writeStartArray();
        for (SyncRow r : rows) {
          json.writeStartObject();
          json.writeStringField("archivalId", r.archivalId());
          json.writeStringField("destination", r.destination());
          json.writeNumberField("version", r.version());
          json.writeStringField("change", r.change());
          json.writeStringField("state", r.state().label());
          json.writeNumberField("attempts", r.attempts());
          json.writeStringField("packageId", r.packageId().map(PackageId::value)
              .orElse(null));
          json.writeStringField("lastFailure", r.lastFailure().orElse(null));
          json.writeStringField("updated", r.updatedAt().toString());
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      out.println();
    }

    private static String csv(String s) {
      return s.contains(",") || s.contains("\"") || s.contains("\n")
          ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
  }

  /** {@code ledger history ID}. */
  @ReadsOnly
  @Permitted({Role.ARCHIVIST, Role.AUDITOR})
  @Command(name = "history", mixinStandardHelpOptions = true,
      description = "Every event of one record, per destination, in order.")
  static final class History implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID")
    private String archivalId;

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
      if (events.isEmpty()) {
        out.println("no events for " + archivalId);
      }
      for (SyncEvent e : events) {
        out.printf("%s  %-16s v%-4d %-10s %-12s %s%s%n", e.at(), e.destination(), e.version(),
            e.state().label(), e.actor(), e.packageId().map(p -> p + ": ").orElse(""),
            e.detail());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code ledger cancel}. */
  @Permitted(Role.ARCHIVIST)
  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = "Stops re-sending a record to a destination: its waiting, exported or "
          + "failed syncs become cancelled.")
  static final class Cancel implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--archival-id", required = true, paramLabel = "ID")
    private String archivalId;

    @Option(names = "--destination", required = true, paramLabel = "TARGET")
    private String destination;

    @Override
    public Integer call() throws Exception {
      int cancelled;
      try (SourceLedger ledger = SourceCommand.root(spec).ledger()) {
        cancelled = ledger.inTransaction(tx -> {
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
