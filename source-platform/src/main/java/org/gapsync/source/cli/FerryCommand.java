package org.gapsync.source.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.platform.UsageException;
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
import org.gapsync.source.export.PackageBuilder;
import org.gapsync.source.export.ReceiptIngester;
import org.gapsync.source.export.SourceFerry;
import org.gapsync.source.ledger.SourceLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry}: the source's side of a network gap appliance. Ingests every receipt that
 * comes back whole, and builds what is queued for each destination into the outbox, round
 * after round, or once.
 */
@Permitted(Role.ARCHIVIST)
@Command(name = "ferry", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  source-platform ferry --outbox /srv/gap/outbox --returns /srv/gap/returns "
            + "--destination extranet --scan /srv/holdings",
        "  source-platform ferry --outbox /srv/gap/outbox --returns /srv/gap/returns --once"},
    description = {"Ingests every receipt that has come back whole into the returns folder a "
        + "gap appliance fills, scans the holdings (with --scan), then builds what is queued "
        + "for each destination (those set to sync automatically, or those named) in the "
        + "home's ferry/staging/, reads it back and verifies it there, and publishes it whole "
        + "into the outbox the appliance carries across; then waits --every and does it again, "
        + "until stopped (SIGTERM or Ctrl-C), or once with --once.",
        "A receipt that does not verify is moved to the home's ferry/refused/. One line per "
            + "action."})
final class FerryCommand implements Callable<Integer>, Interruptible {
  @Spec
  private CommandSpec spec;

  @Mixin
  private FerryOptions ferryOptions;

  @Option(names = "--outbox", required = true, paramLabel = "DIR",
      description = "The folder the appliance carries packages from.")
  private Path outbox;

  @Option(names = "--returns", required = true, paramLabel = "DIR",
      description = "The folder the appliance delivers receipts into.")
  private Path returns;

  @Option(names = "--destination", paramLabel = "TARGET",
      description = "A destination to build for (given once per destination; default: the "
          + "destinations set with 'destination set --auto on').")
  private List<String> destinations;

  @Option(names = "--scan", paramLabel = "ROOT",
      description = "Scan the holdings under ROOT at the start of each round, as 'holdings "
          + "scan' does, so that what changed is carried without anyone scanning (default: "
          + "carry what earlier scans queued).")
  private Path scan;

  @Option(names = "--every", defaultValue = "5m", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long to wait between rounds. Default: ${DEFAULT-VALUE}.")
  private Duration every;

  @Option(names = "--resend-after", defaultValue = "1h", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Publish a package again when its receipt has not come this long after it "
          + "was sent (the package or the receipt was lost, or is late; a copy that comes twice "
          + "is answered again). Default: ${DEFAULT-VALUE}.")
  private Duration resendAfter;

  @Override
  public String whenInterrupted() {
    return "the receipts and packages reported above are ingested and published; a package in "
        + "progress was not recorded (its records stay queued); start the ferry again to go on";
  }

  @Override
  public Integer call() throws Exception {
    Arrival arrival = ferryOptions.arrival();
    SourceCommand root = SourceCommand.root(spec);
    PlatformHome home = root.home();
    ServiceLog log = ferryOptions.log(spec.commandLine().getOut(), root.clock(),
        "source ferry");
    Interruption interruption = root.interruption();
    SigningKey key;
    List<SigningKey> keys;
    try (Passphrase passphrase = root.passphrase(spec.commandLine(), false)) {
      key = home.key(passphrase.chars());
      keys = home.decryptionKeys(passphrase.chars());
    }
    interruption.check();
    // One ferry per home; the ledger is open during a round only, so that the other commands
    // run between rounds.
    try (FerryLock lock = FerryLock.take(home.root().resolve("ferry"))) {
      List<String> to;
      try (SourceLedger ledger = root.ledger()) {
        to = destinations != null ? destinations : ledger.inTransaction(
            tx -> tx.sync().autoSynced());
        if (to.isEmpty()) {
          throw new UsageException("no destination is synced automatically: name the "
              + "destinations with --destination, or set them with 'destination set --id ID "
              + "--auto on'");
        }
        ferry(ledger, root, key, keys, to, log).check();
      }
      root.releaseLedger();
      log.accept("started: outbox " + outbox + ", returns " + returns + ", arrival " + arrival
          + ", destinations " + String.join(", ", to) + (scan == null ? "" : ", scanning "
              + scan) + ", " + ferryOptions.schedule(every));
      return Rounds.repeat(interruption, ferryOptions.isOnce(), every, log, () -> {
        SourceFerry.Round r;
        try (SourceLedger ledger = root.ledger()) {
          r = ferry(ledger, root, key, keys, to, log).round();
        } finally {
          root.releaseLedger();
        }
        String summary = r.receipts() + " receipts ingested, " + r.refused() + " refused, "
            + (scan == null ? "" : r.problems() + " records the scan skipped, ")
            + r.published() + " packages published, " + r.resent() + " re-sent, " + r.failed()
            + " failed";
        log.accept("round: " + summary);
        Instant now = root.clock().instant();
        new FerryStatus(now, summary, new FerryFolder(returns, arrival).notWhole(
            ferryOptions.settle(), now)).write(home.root().resolve("ferry"));
        return new Rounds.Outcome(r.refused() + r.problems(), r.failed());
      });
    }
  }

  /**
   * Returns the ferry's source side on {@code ledger}, open for one round, the trust store read
   * anew (a receipt may have adopted a destination's new certificate).
   */
  private SourceFerry ferry(SourceLedger ledger, SourceCommand root, SigningKey key,
      List<SigningKey> keys, List<String> to, ServiceLog log) throws java.io.IOException {
    PlatformHome home = root.home();
    return new SourceFerry(ledger, new PackageBuilder(ledger, home.id(), key, home.trust(),
        root.clock(), home.scratchFolder()), new ReceiptIngester(ledger, home.id(),
            home.trustFolder()), new FerryFolder(outbox, ferryOptions.arrival()),
        new FerryFolder(returns, ferryOptions.arrival()), home.root().resolve("ferry"),
        home.id(), to, ferryOptions.settle(), root.clock(), log, keys, home.scratchFolder())
        .resendAfter(resendAfter).scanning(scan);
  }
}
