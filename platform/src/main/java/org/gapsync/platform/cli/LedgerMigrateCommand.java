package org.gapsync.platform.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.ledger.LedgerCopy;
import org.gapsync.platform.ledger.LedgerException;
import org.gapsync.platform.ledger.LedgerLocation;
import org.gapsync.platform.ledger.StateCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger migrate}: moves a home's embedded ledger onto a PostgreSQL server. */
@Permitted(Role.ADMIN)
@Command(name = "migrate", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  ${ROOT-COMMAND-NAME} ledger migrate --to jdbc:postgresql://db.archive.lan/gapsync "
            + "--ledger-password-file /etc/gapsync/ledger.password"},
    description = "Moves this home's embedded (H2) ledger to an empty database on a "
        + "PostgreSQL server: the audit trail and the sync states are verified first; every "
        + "row is copied in one transaction that commits only once each table reads back as "
        + "written; the trail and the states are verified again there, then the home uses the "
        + "server. The embedded ledger is kept, set aside and unused, as it was. Stop every "
        + "other command at the home (a ferry too) first.")
public final class LedgerMigrateCommand implements Callable<Integer> {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
      .withZone(ZoneOffset.UTC);

  @Spec
  private CommandSpec spec;

  @Option(names = "--to", required = true, paramLabel = "JDBC_URL",
      description = "The database to move to, empty, such as "
          + "jdbc:postgresql://db.archive.lan:5432/gapsync; no password in it.")
  private String url;

  @Option(names = "--ledger-password-file", paramLabel = "FILE",
      description = "A file, readable by its owner alone, whose first line is the password "
          + "of the server's user (else PGPASSWORD or ~/.pgpass).")
  private Path passwordFile;

  @Override
  public Integer call() throws Exception {
    PlatformRoot root = PlatformRoot.of(spec);
    PlatformHome home = root.home();
    LedgerLocation current = home.ledger();
    if (!(current instanceof LedgerLocation.Embedded embedded)) {
      throw new UsageException("the ledger of " + home.root() + " is already on "
          + current.describe() + "; nothing to migrate");
    }
    LedgerLocation.Server to = (LedgerLocation.Server) LedgerLocation.server(url,
        Optional.ofNullable(passwordFile).map(p -> p.toAbsolutePath().normalize()));
    Ledger<?> from = root.ledger(spec.commandLine());
    AuditTrail.Check trail = AuditTrail.of(from).verify();
    Optional<StateCheck> states = from.verifyState();
    if (!trail.isIntact() || states.map(s -> !s.isIntact()).orElse(false)) {
      spec.commandLine().getErr().println("error: the ledger does not verify ("
          + trail.firstBreak().orElseGet(() -> states.orElseThrow().problems().get(0))
          + "); not migrated: keep it as evidence, and see 'ledger verify'");
      return ExitCodes.INVALID;
    }
    LedgerCopy.Report copied;
    try (Ledger<?> into = root.ledgerAt(to)) {
      LedgerOption.requireNew(into, to);
      copied = from.copyInto(into);
      AuditTrail.Check there = AuditTrail.of(into).verify();
      Optional<StateCheck> statesThere = into.verifyState();
      if (!there.isIntact() || there.events() != trail.events()
          || !there.head().equals(trail.head())
          || statesThere.map(s -> !s.isIntact()).orElse(false)
          || !into.stateHead().equals(from.stateHead())) {
        throw new LedgerException("the copy at " + to.url() + " does not verify as the "
            + "embedded ledger does; the home still uses the embedded ledger: empty that "
            + "database and migrate again", null);
      }
    }
    root.releaseLedger();
    // The home points at the server first: a crash then leaves the embedded ledger unused,
    // never a home that would start a new, empty one.
    home.moveLedger(to);
    Path aside = embedded.folder().resolveSibling(embedded.folder().getFileName()
        + ".migrated-" + STAMP.format(root.clock().instant()));
    Files.move(embedded.folder(), aside);
    spec.commandLine().getOut().printf("migrated the ledger to %s: %d rows of %d tables "
        + "copied and read back; audit trail intact there (%d events, head %s)%s%n"
        + "the embedded ledger is kept, unused, in %s%n", to.url(), copied.rows(),
        copied.tables().size(), trail.events(), trail.head(), states.isPresent()
        ? "; sync states match their events" : "", aside);
    return ExitCodes.OK;
  }
}
