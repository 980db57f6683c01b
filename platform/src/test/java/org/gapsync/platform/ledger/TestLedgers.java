package org.gapsync.platform.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger a test's home gets: embedded (H2) by default, or a database of its own on the
 * test PostgreSQL server when the run asks for it ({@link TestPostgres#PROPERTY}); the build
 * runs the ledger tests both ways.
 */
public final class TestLedgers {
  /** The database each folder stands for on the server, so that it is reopened, not new. */
  private static final Map<Path, LedgerLocation> DATABASES = new ConcurrentHashMap<>();

  private TestLedgers() {}

  /** Returns the options {@code init} takes to put the home's ledger where the run asks. */
  public static List<String> initOptions() throws IOException {
    if (!TestPostgres.isSelected()) {
      return List.of();
    }
    LedgerLocation.Server server = (LedgerLocation.Server) TestPostgres.server().newLedger();
    return List.of("--ledger", server.url(), "--ledger-password-file",
        server.passwordFile().orElseThrow().toString());
  }

  /**
   * Connects to the ledger of the home {@code home} as someone with the database's password
   * would, past the application: for the tests that edit it behind the application's back.
   */
  public static Connection connectToHome(Path home) throws IOException, SQLException {
    java.util.Properties config = new java.util.Properties();
    try (java.io.Reader in = java.nio.file.Files.newBufferedReader(home.resolve(
        "platform.properties"))) {
      config.load(in);
    }
    String url = config.getProperty("ledger.url");
    return url == null ? connect(LedgerLocation.embedded(home.resolve("ledger")))
        : connect(LedgerLocation.server(url, java.util.Optional.empty()));
  }

  /** Connects to the ledger at {@code location} past the application, as above. */
  public static Connection connect(LedgerLocation location) throws IOException, SQLException {
    if (location instanceof LedgerLocation.Server server) {
      return DriverManager.getConnection(server.url(), TestPostgres.server().user(),
          TestPostgres.server().password());
    }
    return DriverManager.getConnection(Database.url(((LedgerLocation.Embedded) location)
        .folder()), "sa", "");
  }

  /** Returns the {@code init} command line {@code args} with {@link #initOptions()} added. */
  public static String[] init(String... args) throws IOException {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        initOptions().stream()).toArray(String[]::new);
  }

  /**
   * Returns where a test that opens a ledger itself keeps the one it calls {@code folder}: in
   * that folder, or in a database of its own on the server, the same on every call.
   */
  public static LedgerLocation location(Path folder) throws IOException {
    if (!TestPostgres.isSelected()) {
      return LedgerLocation.embedded(folder);
    }
    try {
      return DATABASES.computeIfAbsent(folder.toAbsolutePath().normalize(), f -> {
        try {
          return TestPostgres.server().newLedger();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
