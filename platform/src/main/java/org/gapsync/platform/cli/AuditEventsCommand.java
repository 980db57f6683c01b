package org.gapsync.platform.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.audit.AuditEvent;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger events}: the audit trail, listed, each event with whether the chain holds. */
@ReadsOnly
@Permitted({Role.ADMIN, Role.ARCHIVIST, Role.OPERATOR, Role.AUDITOR})
@Command(name = "events", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  ${ROOT-COMMAND-NAME} ledger events --since 2026-11-01 --until 2026-11-30",
        "  ${ROOT-COMMAND-NAME} ledger events --user li.na --command package --format csv"},
    description = "Lists the audit trail: every command run on this platform, who ran it, "
        + "when, on what, and how it ended, with each event's hash and whether the hash chain "
        + "holds from the first event up to it (the whole trail is checked, whatever is "
        + "listed). A table shows the first 16 digits of each hash; CSV and JSON show them "
        + "whole. Exit 3 when the chain is broken: the events from the break on are listed "
        + "as 'broken'.")
public final class AuditEventsCommand implements Callable<Integer> {
  private static final int SHOWN = 16;

  /** The columns of the listing, as CSV and JSON name them. */
  public static final String[] COLUMNS = {"sequence", "at", "user", "command", "object",
      "outcome", "details", "digest", "hash", "chain"};

  /**
   * Returns the row of event {@code e} in the listing, its hash cut short for a table
   * ({@code brief}).
   */
  public static Object[] row(AuditEvent e, boolean holds, boolean brief) {
    return new Object[] {e.sequence(), e.at(), e.actor(), e.action(), e.object(), e.outcome(),
        e.details().isEmpty() ? null : e.details(), e.digest(),
        brief ? e.hash().substring(0, SHOWN) : e.hash(), holds ? "holds" : "broken"};
  }

  @Spec
  private CommandSpec spec;

  @Option(names = "--since", paramLabel = "WHEN", converter = TimeBound.Converter.class,
      description = "From this day (2026-11-01) or time (2026-11-01T09:30, in this platform's "
          + "time zone, or 2026-11-01T09:30:00+08:00) on.")
  private Optional<TimeBound> since;

  @Option(names = "--until", paramLabel = "WHEN", converter = TimeBound.Converter.class,
      description = "Up to this day (the whole day) or time.")
  private Optional<TimeBound> until;

  @Option(names = "--user", paramLabel = "NAME",
      description = "Only the commands this user ran.")
  private Optional<String> user;

  @Option(names = "--command", paramLabel = "COMMAND",
      description = "Only this command and its subcommands: 'package' or 'package build'.")
  private Optional<String> command;

  @Mixin
  private FormatOption format;

  @Override
  public Integer call() throws Exception {
    PlatformRoot root = PlatformRoot.of(spec);
    ZoneId zone = root.clock().getZone();
    AuditTrail.Selection selection = new AuditTrail.Selection(since.map(s -> s.start(zone)),
        until.map(u -> u.end(zone)), user, command.map(String::strip));
    PrintWriter out = spec.commandLine().getOut();
    boolean brief = format.isTable();
    long[] listed = {0};
    AuditTrail.Check check;
    try (Ledger<?> ledger = root.ledger(spec.commandLine());
        Listing list = format.list(out, COLUMNS)) {
      check = AuditTrail.of(ledger).list(selection, (e, holds) -> {
        listed[0]++;
        list.row(row(e, holds, brief));
      });
    }
    if (listed[0] == 0 && brief) {
      out.println("no events" + (check.events() == 0 ? "" : " of the " + check.events()
          + " in the trail match"));
    }
    if (!check.isIntact()) {
      spec.commandLine().getErr().println("error: audit trail broken: "
          + check.firstBreak().orElseThrow() + "; the ledger was changed outside this "
          + "application: keep a copy of it as evidence and compare it with a backup");
      return ExitCodes.INVALID;
    }
    return ExitCodes.OK;
  }
}
