package org.gapsync.source.cli;

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
import org.gapsync.source.ledger.SourceLedger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code source-platform}: the archivists' application on the archive's source network.
 *
 * <pre>{@code
 * bin/source-platform --home /srv/gapsync init --id archive-lan --org "City Archives"
 * bin/source-platform holdings scan /srv/holdings
 * bin/source-platform package build --destination reading-room --to /media/usb
 * }</pre>
 */
@Command(name = "source-platform", mixinStandardHelpOptions = true, version = "gapsync 0.1.0",
    description = "Captures changes of the archive's holdings, builds signed sync packages onto "
        + "media for each destination, and checks the receipts that come back.",
    subcommands = {InitCommand.class, CertCommand.class, TrustCommand.class, UserCommand.class,
        DestinationCommand.class, TemplateCommand.class, HoldingsCommand.class,
        QueueCommand.class, PackageCommand.class, ReceiptCommand.class, FerryCommand.class,
        StatusCommand.class, LedgerCommand.class, ConsoleCommand.class},
    resourceBundle = "org.gapsync.source.cli.SourceCommand",
    exitCodeListHeading = "%nExit codes:%n",
    footerHeading = "%nExamples:%n",
    footer = {
        "  source-platform init --id archive-lan --org \"City Archives\"",
        "  source-platform holdings scan /srv/holdings",
        "  source-platform package build --destination reading-room --to /media/usb",
        "  source-platform receipt ingest /media/usb/receipts"},
    exitCodeList = {"0:success", "1:internal error (a bug; rerun with --verbose, report it)",
        "2:usage error, or an unknown destination or record",
        "3:a package, receipt, template or metadata failed verification",
        "4:the medium, holdings, home or ledger could not be read or written",
        "5:not permitted: the user holds none of the roles the command needs",
        "130:interrupted by Ctrl-C (143: by SIGTERM); what it began is undone or recorded"})
public final class SourceCommand implements PlatformRoot {
  @Mixin
  private final PlatformOptions options = new PlatformOptions(PlatformKind.SOURCE);

  private final Clock clock;
  private final Interruption interruption = new Interruption();
  private final String actor;
  private final RunLedger<SourceLedger> ledger;

  /** Creates the command run by {@code actor}, reading time from {@code clock}. */
  public SourceCommand(Clock clock, String actor) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    this.actor = java.util.Objects.requireNonNull(actor, "actor");
    this.ledger = new RunLedger<>(h -> SourceLedger.open(h.ledger(), clock, actor),
        SourceLedger::shared);
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
    SourceCommand root = new SourceCommand(clock, actor);
    return Conventions.apply(new CommandLine(root), root, root.options::isVerbose);
  }

  @Override
  public PlatformHome home() {
    return options.home();
  }

  /**
   * Returns the ledger, opened once for the whole command run and closed by {@link #finish}
   * after the run's audit event: closing what this returns leaves it open.
   */
  SourceLedger ledger() throws IOException {
    return ledger.shared(home());
  }

  @Override
  public SourceLedger ledger(CommandLine cli) throws IOException {
    return ledger();
  }

  /**
   * Closes the run's ledger until it is asked for again: a ferry lets the other commands at
   * the home between its rounds.
   */
  @Override
  public SourceLedger ledgerAt(org.gapsync.platform.ledger.LedgerLocation location)
      throws IOException {
    return SourceLedger.open(location, clock, actor);
  }

  @Override
  public void releaseLedger() throws IOException {
    ledger.release();
  }

  @Override
  public boolean finish(String action, String object, String outcome, String details)
      throws IOException {
    return ledger.finish(home(), clock.instant(), actor(), action, object, outcome, details);
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

  static SourceCommand root(CommandLine.Model.CommandSpec spec) {
    return (SourceCommand) spec.root().userObject();
  }
}
