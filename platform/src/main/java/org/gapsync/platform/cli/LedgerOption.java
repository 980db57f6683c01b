package org.gapsync.platform.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.ledger.LedgerLocation;
import picocli.CommandLine.Option;

/**
 * {@code --ledger JDBC_URL [--ledger-password-file FILE]}: where {@code init} puts a platform's
 * ledger when it is not to be embedded in the home, but shared on a PostgreSQL server.
 */
public final class LedgerOption {
  @Option(names = "--ledger", paramLabel = "JDBC_URL",
      description = "Keep the ledger on a PostgreSQL server, shared by several workstations, "
          + "such as jdbc:postgresql://db.archive.lan:5432/gapsync (TLS with ?sslmode="
          + "verify-full). The password is never given here: it comes from "
          + "--ledger-password-file, PGPASSWORD or ~/.pgpass. Default: the embedded H2 ledger "
          + "in the home.")
  private String url;

  @Option(names = "--ledger-password-file", paramLabel = "FILE",
      description = "A file, readable by its owner alone, whose first line is the password "
          + "of the ledger server's user.")
  private Path passwordFile;

  /** Returns the shared ledger asked for, if one was. */
  public Optional<LedgerLocation.Server> location() {
    if (url == null) {
      if (passwordFile != null) {
        throw new UsageException("--ledger-password-file: give it with --ledger, whose "
            + "server it is for");
      }
      return Optional.empty();
    }
    return Optional.of((LedgerLocation.Server) LedgerLocation.server(url,
        Optional.ofNullable(passwordFile).map(p -> p.toAbsolutePath().normalize())));
  }

  /** Returns the home's settings that keep the ledger where this option says. */
  public Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    location().ifPresent(server -> {
      settings.put(PlatformHome.LEDGER_URL, server.url());
      server.passwordFile().ifPresent(f -> settings.put(PlatformHome.LEDGER_PASSWORD_FILE,
          f.toString()));
    });
    return settings;
  }

  /**
   * Reaches and migrates the shared ledger asked for, if one was and {@code root}'s home is not
   * made yet, before {@code init} writes the home: a server that cannot be used leaves no home
   * behind pointing at it. Refuses a ledger that already holds a platform's audit trail: the
   * workstations of one platform share its home's key and ledger, and a second {@code init}
   * would give it a second key.
   *
   * @return the shared ledger asked for, if one was
   */
  public Optional<LedgerLocation.Server> checkNew(PlatformRoot root) throws IOException {
    Optional<LedgerLocation.Server> shared = location();
    if (shared.isPresent() && !root.home().isInitialized()) {
      try (Ledger<?> ledger = root.ledgerAt(shared.get())) {
        requireNew(ledger, shared.get());
      }
    }
    return shared;
  }

  /** Refuses {@code ledger} at {@code where} if it already holds a platform's audit trail. */
  static void requireNew(Ledger<?> ledger, LedgerLocation where) throws IOException {
    long events = AuditTrail.of(ledger).verify().events();
    if (events > 0) {
      throw new UsageException("the ledger at " + where.describe() + " already holds a "
          + "platform's audit trail (" + events + " events): another workstation of that "
          + "platform copies its home and uses it (see the administrator's runbook); a new "
          + "platform needs an empty database; nothing was written");
    }
  }
}
