package org.gapsync.target.cli;

import java.io.IOException;
import java.time.Clock;
import org.gapsync.platform.cli.CertCommand;
import org.gapsync.platform.cli.Conventions;
import org.gapsync.platform.cli.Interruption;
import org.gapsync.platform.cli.Passphrase;
import org.gapsync.platform.cli.PlatformOptions;
import org.gapsync.platform.cli.PlatformRoot;
import org.gapsync.platform.cli.RunLedger;
import org.gapsync.platform.cli.TrustCommand;
import org.gapsync.platform.cli.UserCommand;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.home.PlatformKind;
import org.gapsync.target.ingest.Importer;
import org.gapsync.target.ingest.TargetFolders;
import org.gapsync.target.ledger.TargetLedger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code target-platform}: the operators' application on an isolated target network.
 *
 * <pre>{@code
 * bin/target-platform --home /srv/gapsync init --id reading-room
 * bin/target-platform trust add --id archive-lan --cert archive-lan.pem
 * bin/target-platform package import /media/usb --receipt-to /media/usb/receipts
 * }</pre>
 */
@Command(name = "target-platform", mixinStandardHelpOptions = true, version = "gapsync 0.1.0",
    description = "Imports signed sync packages into the replica, in each source's order and "
        + "atomically, and writes the signed receipts that go back to the source.",
    subcommands = {InitCommand.class, CertCommand.class, TrustCommand.class, UserCommand.class,
        PackageCommand.class, FerryCommand.class, StatusCommand.class, ReplicaCommand.class,
        LedgerCommand.class, ConsoleCommand.class},
    resourceBundle = "org.gapsync.target.cli.TargetCommand",
    exitCodeListHeading = "%nExit codes:%n",
    footerHeading = "%nExamples:%n",
    footer = {
        "  target-platform init --id reading-room",
        "  target-platform trust add --id archive-lan --cert /media/usb/archive-lan.pem",
        "  target-platform package import /media/usb --receipt-to /media/usb/receipts",
        "  target-platform replica verify"},
    exitCodeList = {"0:success", "1:internal error (a bug; rerun with --verbose, report it)",
        "2:usage error, or a record the replica does not hold",
        "3:a package was rejected or refused, or the replica differs from the ledger",
        "4:the medium, home, replica or ledger could not be read or written",
        "5:not permitted: the user holds none of the roles the command needs",
        "6:a package bears the id of one applied before but differs from it; nothing applied",
        "130:interrupted by Ctrl-C (143: by SIGTERM); what it began is undone or recorded"})
public final class TargetCommand implements PlatformRoot {
  @Mixin
  private final PlatformOptions options = new PlatformOptions(PlatformKind.TARGET);

  private final Clock clock;
  private final Interruption interruption = new Interruption();
  private final String actor;
  private final RunLedger<TargetLedger> ledger;

  /** Creates the command run by {@code actor}, reading time from {@code clock}. */
  public TargetCommand(Clock clock, String actor) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    this.actor = java.util.Objects.requireNonNull(actor, "actor");
    this.ledger = new RunLedger<>(h -> TargetLedger.open(h.ledger(), clock,
        actor), TargetLedger::shared);
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    Conventions.exit(Conventions.run(args, actor -> commandLine(Clock.systemUTC(), actor)));
  }

  /**
   * Returns the command line with its handlers, run by {@code actor}, for {@code main} and for
   * tests.
   */
  public static CommandLine commandLine(Clock clock, String actor) {
    TargetCommand root = new TargetCommand(clock, actor);
    return Conventions.apply(new CommandLine(root), root, root.options::isVerbose);
  }

  @Override
  public PlatformHome home() {
    return options.home();
  }

  /**
   * Returns the ledger, opened once for the whole command run (and closed by {@link #finish}
   * after the run's audit event: closing what this returns leaves it open), after finishing
   * any import a crash interrupted, saying so on {@code cli}'s error stream.
   */
  @Override
  public TargetLedger ledger(CommandLine cli) throws IOException {
    boolean isFirst = !ledger.isOpen();
    TargetLedger shared = ledger.shared(home());
    if (isFirst && !shared.isReadOnly()) {
      for (String done : Importer.recover(shared, TargetFolders.of(home()))) {
        cli.getErr().println("recovered an interrupted import: " + done);
      }
    }
    return shared;
  }

  /**
   * Closes the run's ledger until it is asked for again: a ferry lets the other commands at
   * the home between its rounds.
   */
  @Override
  public TargetLedger ledgerAt(org.gapsync.platform.ledger.LedgerLocation location)
      throws IOException {
    return TargetLedger.open(location, clock, actor);
  }

  @Override
  public void releaseLedger() throws IOException {
    ledger.release();
  }

  @Override
  public boolean finish(String action, String object, String outcome, String details)
      throws IOException {
    return ledger.finish(home(), clock.instant(), actor, action, object, outcome,
        details);
  }

  @Override
  public Passphrase passphrase(CommandLine cli, boolean twice) throws IOException {
    return options.passphrase(cli, twice);
  }

  @Override
  public String actor() {
    return actor;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Interruption interruption() {
    return interruption;
  }

  static TargetCommand root(CommandLine.Model.CommandSpec spec) {
    return (TargetCommand) spec.root().userObject();
  }
}
