package org.gapsync.target.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.DurationConverter;
import org.gapsync.platform.cli.FerryOptions;
import org.gapsync.platform.cli.Interruptible;
import org.gapsync.platform.cli.Interruption;
import org.gapsync.platform.cli.Passphrase;
import org.gapsync.platform.cli.Rounds;
import org.gapsync.platform.cli.ServiceLog;
import org.gapsync.platform.ferry.Arrival;
import org.gapsync.platform.ferry.FerryFolder;
import org.gapsync.platform.ferry.FerryLock;
import org.gapsync.platform.ferry.FerryStatus;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.target.ingest.Importer;
import org.gapsync.target.ingest.TargetFerry;
import org.gapsync.target.ingest.TargetFolders;
import org.gapsync.target.ledger.TargetLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry}: the target's side of a network gap appliance. Imports every package that
 * arrives whole in the inbox and publishes each receipt into the returns folder, round after
 * round, or once.
 */
@Permitted(Role.OPERATOR)
@Command(name = "ferry", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  target-platform ferry --inbox /srv/gap/inbox --returns /srv/gap/returns",
        "  target-platform ferry --inbox /srv/gap/inbox --returns /srv/gap/returns --once "
            + "--arrival marker"},
    description = {"Imports every package that has arrived whole in the inbox a gap "
        + "appliance fills (in each source's sequence order, as from a medium), publishes each "
        + "receipt into the returns folder the appliance carries back, and takes the package "
        + "out of the inbox; then waits --every and does it again, until stopped (SIGTERM or "
        + "Ctrl-C, between two packages), or once with --once.",
        "A package this target refuses (not a package, not for it, a replay) is moved to the "
            + "home's ferry/refused/; one whose import failed for a reason of the moment (a "
            + "full disk) stays in the inbox for the next round. One line per action."})
final class FerryCommand implements Callable<Integer>, Interruptible {
  @Spec
  private CommandSpec spec;

  @Mixin
  private FerryOptions ferryOptions;

  @Option(names = "--inbox", required = true, paramLabel = "DIR",
      description = "The folder the appliance delivers packages into.")
  private Path inbox;

  @Option(names = "--returns", required = true, paramLabel = "DIR",
      description = "The folder the appliance carries receipts back from.")
  private Path returns;

  @Option(names = "--every", defaultValue = "30s", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long to wait between rounds. Default: ${DEFAULT-VALUE}.")
  private Duration every;

  @Override
  public String whenInterrupted() {
    return "the packages reported above are imported and their receipts published; the one in "
        + "progress was not applied and stays in the inbox; start the ferry again to go on";
  }

  @Override
  public Integer call() throws Exception {
    Arrival arrival = ferryOptions.arrival();
    Duration settle = ferryOptions.settle();
    TargetCommand root = TargetCommand.root(spec);
    PlatformHome home = root.home();
    ServiceLog log = ferryOptions.log(spec.commandLine().getOut(), root.clock(),
        "target ferry");
    Interruption interruption = root.interruption();
    // One ferry per home; the ledger is open during a round only, so that 'status' and the
    // other commands run between rounds.
    try (FerryLock lock = FerryLock.take(home.root().resolve("ferry"))) {
      List<SigningKey> keys;
      try (Passphrase passphrase = root.passphrase(spec.commandLine(), false)) {
        keys = home.decryptionKeys(passphrase.chars());
      }
      interruption.check();
      log.accept("started: inbox " + inbox + ", returns " + returns + ", arrival " + arrival
          + ", " + ferryOptions.schedule(every));
      return Rounds.repeat(interruption, ferryOptions.isOnce(), every, log, () -> {
        TargetFerry.Round r;
        try (TargetLedger ledger = root.ledger(spec.commandLine())) {
          Importer importer = new Importer(ledger, TargetFolders.of(home), home.id(),
              home.trust(), keys, root.clock(), root.actor(), 2, (name, step, total, done) ->
                  interruption.check());
          r = new TargetFerry(importer, new FerryFolder(inbox, arrival), new FerryFolder(
              returns, arrival), home.root().resolve("ferry"), settle, root.clock(), log)
              .round();
        } finally {
          root.releaseLedger();
        }
        String summary = r.imported() + " imported, " + r.refused() + " refused, " + r.failed()
            + " failed, " + r.receipts() + " receipts published";
        log.accept("round: " + summary);
        new FerryStatus(root.clock().instant(), summary, new FerryFolder(inbox, arrival)
            .notWhole(settle, root.clock().instant())).write(home.root().resolve("ferry"));
        return new Rounds.Outcome(r.refused(), r.failed());
      });
    }
  }
}
