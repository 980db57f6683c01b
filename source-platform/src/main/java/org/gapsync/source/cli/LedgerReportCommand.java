package org.gapsync.source.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.Conventions;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.OutputFile;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.platform.cli.TimeBound;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.report.LedgerReport;
import org.gapsync.source.report.LedgerReporter;
import org.gapsync.source.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger report}: what the ledger says to an auditor, as a page, CSV or JSON. */
@ReadsOnly
@Permitted({Role.ARCHIVIST, Role.AUDITOR})
@Command(name = "report", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  source-platform ledger report --since 2026-11-01 --out /media/audit/2026-11.html",
        "  source-platform ledger report --destination reading-room --format csv"},
    description = "Reports the ledger: per destination the records by state, what was "
        + "confirmed in the period, what failed and why, what waits longest, the packages "
        + "without receipts; the records no destination was given; and whether the audit "
        + "trail and the sync events hold. HTML is a dated page to print (A4, numbered "
        + "sheets, a sign-off block). Exit 3 when a chain is broken: the report is written "
        + "all the same, saying where.")
final class LedgerReportCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--destination", paramLabel = "TARGET",
      description = "Only this destination (default: every destination).")
  private Optional<String> destination;

  @Option(names = "--since", paramLabel = "WHEN", converter = TimeBound.Converter.class,
      description = "The period's start, a day (2026-11-01) or a time (default: all time).")
  private Optional<TimeBound> since;

  @Option(names = "--format", defaultValue = "html", paramLabel = "FORMAT",
      description = "html (a page to print), csv or json (default: ${DEFAULT-VALUE}).")
  private ReportWriter.Format format;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write it there, a new file, renamed into place when complete "
          + "(default: standard output).")
  private Optional<Path> out;

  @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
      description = "Entries each list shows at most, beside its total (default: "
          + "${DEFAULT-VALUE}); 'ledger query' lists every one.")
  private int limit;

  @Override
  public Integer call() throws Exception {
    if (limit < 1) {
      throw new UsageException("--limit " + limit + ": give 1 or more");
    }
    Optional<OutputFile> file = out.map(f -> OutputFile.of(f, "--out",
        "no report was written"));
    if (file.isPresent()) {
      file.get().check();
    }
    SourceCommand root = SourceCommand.root(spec);
    ZoneId zone = root.clock().getZone();
    LedgerReport report;
    try (SourceLedger ledger = root.ledger()) {
      report = new LedgerReporter(ledger).read(new LedgerReporter.Selection(destination,
          since.map(s -> s.start(zone)), limit), root.home().id(), root.home()
              .setting("organisation").orElse(""), root.clock().instant(), root.actor());
    }
    ReportWriter writer = new ReportWriter(zone, Conventions.software(spec));
    PrintWriter stdout = spec.commandLine().getOut();
    if (file.isPresent()) {
      file.get().writeText(w -> writer.write(report, format, w));
      stdout.println("wrote " + out.get() + ": " + report.destinations().size()
          + " destination" + (report.destinations().size() == 1 ? "" : "s") + ", audit chain "
          + (report.chain().isIntact() ? "intact" : "BROKEN"));
    } else {
      writer.write(report, format, stdout);
    }
    if (!report.chain().isIntact()) {
      spec.commandLine().getErr().println("error: the ledger's chains do not hold ("
          + report.chain().audit().firstBreak().orElse(String.join("; ", report.chain()
              .states().problems())) + "); the ledger was changed outside this application: "
          + "keep a copy of it as evidence and compare it with a backup");
      return ExitCodes.INVALID;
    }
    return ExitCodes.OK;
  }
}
