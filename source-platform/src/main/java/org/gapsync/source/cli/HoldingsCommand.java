package org.gapsync.source.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gapsync.platform.Plural;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.EarlyStart;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.Interruptible;
import org.gapsync.platform.cli.Interruption;
import org.gapsync.platform.cli.ProgressView;
import org.gapsync.source.holdings.HoldingsScanner;
import org.gapsync.source.holdings.HoldingsWalk;
import org.gapsync.source.holdings.ScanReport;
import org.gapsync.source.ledger.SourceLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdings}: change capture. */
@Command(name = "holdings", mixinStandardHelpOptions = true,
    description = "The archive's holdings.", subcommands = HoldingsCommand.Scan.class)
final class HoldingsCommand {
  /** {@code holdings scan ROOT}. */
  @Permitted(Role.ARCHIVIST)
  @Command(name = "scan", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform holdings scan /srv/holdings",
          "  source-platform holdings scan /srv/holdings --rehash"},
      description = "Captures added, modified and deleted records and files under ROOT "
          + "(every folder with a metadata.xml is a record) into the ledger, in one "
          + "transaction. Files whose size and time are unchanged are not read.")
  static final class Scan implements Callable<Integer>, EarlyStart, Interruptible {
    @Spec
    private CommandSpec spec;

    private HoldingsWalk walk;

    @Parameters(paramLabel = "ROOT", description = "The holdings root.")
    private Path root;

    @Option(names = "--rehash", description = "Re-read every file: a fixity audit that "
        + "reports silent corruption apart from edits.")
    private boolean rehash;

    @Option(names = "--allow-empty", description = "Accept a ROOT without any record as the "
        + "deletion of every record the ledger knows (refused otherwise: an empty ROOT is "
        + "usually a drive that is not mounted).")
    private boolean allowEmpty;

    @Override
    public Started startEarly() {
      // The walk only reads, so it runs while the ledger opens for the role check.
      try {
        walk = HoldingsWalk.start(root);
        return walk::close;
      } catch (IOException e) {
        // A ROOT that cannot be walked is reported by call(), once the role is checked.
        return () -> { };
      }
    }

    @Override
    public String whenInterrupted() {
      return "nothing of this scan was recorded: the ledger holds the scan before it; run "
          + "'holdings scan' again";
    }

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      ScanReport r;
      Interruption interruption = SourceCommand.root(spec).interruption();
      // From here a stop waits for the next check point: the work has begun.
      interruption.check();
      try (HoldingsWalk walked = walk != null ? walk : HoldingsWalk.start(root);
          SourceLedger ledger = SourceCommand.root(spec).ledger();
          ProgressView view = ProgressView.onTerminal()) {
        r = new HoldingsScanner(ledger, rehash, allowEmpty, new HoldingsScanner.Progress() {
          @Override
          public void compared(long expected, long done) {
            interruption.check();
            // A first scan knows no total: its bar counts without an end.
            view.show("scan", ProgressView.Unit.RECORDS,
                expected > 0 ? Math.max(expected, done) : -1, done);
          }

          @Override
          public boolean isWatched() {
            return view.isShown();
          }
        }).scan(walked);
      }
      out.printf("%s: %d added, %d modified, %d deleted; %s read%n", Plural.of(r.records(),
          "record"), r.added(), r.modified(), r.deleted(), Plural.of(r.filesHashed(), "file"));
      r.invalid().forEach(m -> out.println("skipped, invalid: " + m));
      r.conflicts().forEach(m -> out.println("skipped, conflict: " + m));
      r.corrupted().forEach(m -> out.println("CORRUPTED: " + m));
      if (r.hasProblems()) {
        spec.commandLine().getErr().println("error: " + (r.invalid().size()
            + r.conflicts().size() + r.corrupted().size()) + " problems need attention (listed "
            + "above); everything else was recorded");
        return ExitCodes.INVALID;
      }
      return ExitCodes.OK;
    }
  }
}
