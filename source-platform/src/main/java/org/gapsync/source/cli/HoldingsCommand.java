package org.gapsync.source.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gapsync.format.files.FileTrees;
import org.gapsync.platform.Plural;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.EarlyStart;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.Interruptible;
import org.gapsync.platform.cli.Interruption;
import org.gapsync.platform.cli.ProgressView;
import org.gapsync.platform.home.PlatformHome;
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
          + "transaction. Files whose size and time are unchanged are not read. Records that "
          + "cannot be recorded are listed (beyond 20, all of them in a file under the home's "
          + "reports folder) and the rest is recorded.")
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

    /** How many problems a scan prints; a longer list goes to a file in the home. */
    static final int SCREENFUL = 20;

    /**
     * Writes every problem, one a line, into the home's reports folder, named by the time of
     * the scan, readable by the home's owner alone; returns the file.
     */
    private Path writeList(List<String> problems) throws IOException {
      PlatformHome home = SourceCommand.root(spec).home();
      FileTrees.createPrivateFolder(home.reportsFolder());
      String at = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC).format(SourceCommand.root(spec).clock().instant());
      Path list = home.reportsFolder().resolve("holdings-scan-" + at + ".txt");
      FileTrees.replacePrivate(list, (String.join("\n", problems) + "\n")
          .getBytes(StandardCharsets.UTF_8));
      return list;
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
      List<String> problems = new ArrayList<>();
      r.invalid().forEach(m -> problems.add("skipped, invalid: " + m));
      r.conflicts().forEach(m -> problems.add("skipped, conflict: " + m));
      r.corrupted().forEach(m -> problems.add("CORRUPTED: " + m));
      if (problems.isEmpty()) {
        return ExitCodes.OK;
      }
      problems.stream().limit(SCREENFUL).forEach(out::println);
      String where = "listed above";
      if (problems.size() > SCREENFUL) {
        Path list = writeList(problems);
        out.println("... and " + (problems.size() - SCREENFUL) + " more, all in " + list);
        where = "every one listed in " + list;
      }
      spec.commandLine().getErr().println("error: " + problems.size() + " problems need "
          + "attention (" + where + "); everything else was recorded");
      return ExitCodes.INVALID;
    }
  }
}
