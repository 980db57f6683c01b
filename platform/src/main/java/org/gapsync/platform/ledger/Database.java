package org.gapsync.platform.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A ledger database opened for one command: its schema brought up to date by the application's
 * Flyway migrations, and every change made in a transaction that either commits whole or leaves
 * the database as it was.
 *
 * <pre>{@code
 * Migrations migrations = Migrations.of("classpath:ledger", "5");
 * try (Database db = Database.open(home.resolve("ledger"), migrations)) {
 *   long n = db.inTransaction(sql -> sql.queryOne("SELECT COUNT(*) FROM record",
 *       rs -> rs.getLong(1)).orElseThrow());
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {
  private static final int MIN_FILL_PERCENT = 50;
  /** The history of the application's own tables, Flyway's default table. */
  private static final String APP_HISTORY = "flyway_schema_history";
  /** The history of the tables every platform keeps, {@link Migrations#SHARED}. */
  private static final String SHARED_HISTORY = "platform_schema_history";
  /** The lock of the one opener that migrates a shared ledger's schema. */
  private static final String MIGRATION_LOCK = "migration";
  private final Connection connection;
  private final boolean isReadOnly;
  private final boolean isShared;

  private Database(Connection connection, boolean isReadOnly, boolean isShared) {
    this.connection = connection;
    this.isReadOnly = isReadOnly;
    this.isShared = isShared;
  }

  /**
   * Opens the ledger at {@code location}: the embedded one as {@link #open(Path, Migrations)}
   * does, or the one on a PostgreSQL server, migrated by the same scripts.
   */
  public static Database open(LedgerLocation location, Migrations migrations)
      throws LedgerException {
    if (location instanceof LedgerLocation.Server server) {
      return openServer(server, migrations);
    }
    return open(((LedgerLocation.Embedded) location).folder(), migrations);
  }

  /**
   * Opens a ledger on a PostgreSQL server. Its transactions read committed data (PostgreSQL's
   * default): what must not change under a command is held by the locks it takes
   * ({@link Sql#lock}), and exports read from a snapshot ({@link #inSnapshot}). The database
   * must order text by code point (collation {@code C}), as the embedded ledger does, for the
   * commands that walk the holdings and the ledger side by side.
   */
  private static Database openServer(LedgerLocation.Server server, Migrations migrations)
      throws LedgerException {
    org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
    source.setURL(server.url());
    if (source.getUser() == null || source.getUser().isEmpty()) {
      source.setUser(Optional.ofNullable(System.getenv("PGUSER"))
          .orElse(System.getProperty("user.name")));
    }
    Optional<String> password = ServerPassword.of(server);
    password.ifPresent(source::setPassword);
    Connection c;
    try {
      c = source.getConnection();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    } catch (SQLException e) {
      throw new LedgerException("cannot connect to the ledger at " + server.url() + ": "
          + serverReason(e, password.isPresent()), e);
    }
    try {
      checkCollation(c, server.url());
      if (!isCurrent(c, migrations)) {
        // Several workstations may open a new ledger, or one a new release migrates, at
        // once: one migrates, and the others, waiting here, find it current.
        advisory(c, "pg_advisory_lock", MIGRATION_LOCK);
        try {
          if (!isCurrent(c, migrations)) {
            migrate(c, source, migrations);
          }
        } finally {
          advisory(c, "pg_advisory_unlock", MIGRATION_LOCK);
        }
      }
    } catch (FlywayException | LedgerException e) {
      closeQuietly(c);
      throw new LedgerException("cannot open the ledger at " + server.url() + ": "
          + reason(e), e);
    }
    return new Database(c, false, true);
  }

  /**
   * Calls the advisory-lock {@code function} of PostgreSQL for the lock {@code name} on
   * {@code c}, outside any transaction of the command's, and returns what it answers (whether
   * a lock asked for was taken, or let go).
   */
  private static boolean advisory(Connection c, String function, String name)
      throws LedgerException {
    try (java.sql.PreparedStatement s = c.prepareStatement("SELECT " + function + "(?)")) {
      s.setLong(1, Sql.lockKey(name));
      try (ResultSet rs = s.executeQuery()) {
        boolean answer = rs.next() && !"f".equals(rs.getString(1));
        c.commit();
        return answer;
      }
    } catch (SQLException e) {
      rollbackQuietly(c);
      throw Sql.failed(e);
    }
  }

  /**
   * Refuses a database that orders text as a language does: the ledger's readers expect the
   * order of the code points, which collation {@code C} gives, whatever provider a server uses.
   */
  private static void checkCollation(Connection c, String url) throws LedgerException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT ('a' < 'B') OR ('\u00e9' < 'z'), (SELECT datcollate FROM pg_database "
            + "WHERE datname = current_database())")) {
      if (rs.next() && rs.getBoolean(1)) {
        throw new LedgerException("its database orders text as a language does (collation "
            + rs.getString(2) + "), but the ledger needs code-point order; create the "
            + "database with LOCALE 'C' (see the administrator's runbook)", null);
      }
    } catch (SQLException e) {
      throw new LedgerException("cannot read the database's collation at " + url + ": "
          + e.getMessage(), e);
    } finally {
      rollbackQuietly(c);
    }
  }

  private static String serverReason(SQLException e, boolean hadPassword) {
    String m = reason(e);
    if (!hadPassword && m.contains("no password was provided")) {
      return "the server asks for a password; give it in ~/.pgpass (or the file PGPASSFILE "
          + "names), PGPASSWORD or --ledger-password-file";
    }
    return m;
  }

  /**
   * Opens (creating if need be) the H2 database in {@code folder}. Each commit is written
   * through at once (H2 otherwise delays writes by half a second), so that a commit survives
   * the process being killed right after it: recovery relies on that. H2 would also spend up to
   * 200 ms of every close compacting a little; {@link #close()} compacts only when it pays.
   * Queries run lazily: rows are read from the file as the caller steps through them, rather
   * than the whole result being copied first (which cost a scan of 100,000 records 0.4 s
   * before its comparison could start).
   */
  public static Database open(Path folder, Migrations migrations) throws LedgerException {
    String url = url(folder);
    if (isReadOnly(folder)) {
      return openReadOnly(url + ";ACCESS_MODE_DATA=r", migrations);
    }
    return open(url, "sa", "", migrations);
  }

  /**
   * Returns the JDBC URL {@link #open(Path, Migrations)} opens the H2 ledger in {@code folder}
   * with: a connection to the same URL in the same JVM shares that open database.
   */
  public static String url(Path folder) {
    return "jdbc:h2:file:" + folder.toAbsolutePath().resolve("ledger")
        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;MAX_COMPACT_TIME=0;LAZY_QUERY_EXECUTION=TRUE"
        // No ledger.trace.db beside the ledger: the schema probes of a first opening fail by
        // design, and every error that matters reaches the command as an exception.
        + ";TRACE_LEVEL_FILE=0";
  }

  /**
   * Returns whether the ledger in {@code folder} can only be read: the folder or its file may
   * not be written (an auditor's copy, a read-only mount), though it exists.
   */
  public static boolean isReadOnly(Path folder) {
    Path file = folder.resolve("ledger.mv.db");
    return Files.isRegularFile(file) && (!Files.isWritable(folder) || !Files.isWritable(file));
  }

  /** Opens a ledger that can only be read: it is not migrated, and nothing is written. */
  private static Database openReadOnly(String url, Migrations migrations)
      throws LedgerException {
    Connection c;
    try {
      c = DriverManager.getConnection(url, "sa", "");
      c.setAutoCommit(false);
      c.setReadOnly(true);
    } catch (SQLException e) {
      throw new LedgerException("cannot open the read-only ledger at " + url + ": "
          + reason(e), e);
    }
    if (!isCurrent(c, migrations)) {
      closeQuietly(c);
      throw new LedgerException("the read-only ledger at " + url + " was written by an "
          + "earlier version and needs migrating, which a read-only copy cannot be; copy the "
          + "home to a writable place and run the command there", null);
    }
    return new Database(c, true, false);
  }

  /** Returns whether this database was opened read-only: its changes are refused. */
  public boolean isReadOnly() {
    return isReadOnly;
  }

  /**
   * Opens the database at a JDBC URL, migrating its schema from {@code migrations}. The
   * command's connection is opened first, so that Flyway's connection joins the database it
   * keeps open rather than opening (and, on closing, compacting) the file a second time. A
   * database whose schema history ends, successfully, at the newest migration is not handed to
   * Flyway: nothing would be migrated, and loading Flyway to find that out costs more than many
   * commands do. Flyway's check that applied scripts were not edited since therefore runs only
   * when a migration is due.
   */
  public static Database open(String url, String user, String password, Migrations migrations)
      throws LedgerException {
    Connection c;
    try {
      c = DriverManager.getConnection(url, user, password);
      c.setAutoCommit(false);
    } catch (SQLException e) {
      throw new LedgerException("cannot open the ledger at " + url + ": " + reason(e), e);
    }
    try {
      if (!isCurrent(c, migrations)) {
        migrate(c, Flyway.configure().dataSource(url, user, password).getDataSource(),
            migrations);
      }
    } catch (FlywayException | LedgerException e) {
      closeQuietly(c);
      throw new LedgerException("cannot open the ledger at " + url + ": " + reason(e), e);
    }
    return new Database(c, false, false);
  }

  /**
   * Brings the shared tables, then the application's, up to date. A ledger of an earlier
   * release created the shared tables in the application's history: the shared history starts
   * at the version its tables show, and the application's retired versions are not looked for.
   */
  private static void migrate(Connection c, javax.sql.DataSource source, Migrations migrations)
      throws LedgerException {
    long newest = lastApplied(c, APP_HISTORY).map(Long::parseLong).orElse(0L);
    if (newest > migrations.newestKnown()) {
      throw new LedgerException("its schema is version " + newest + ", newer than this "
          + "release knows (" + migrations.latest() + "); run the release that wrote it, or a "
          + "newer one", null);
    }
    Flyway.configure().dataSource(source).locations(Migrations.SHARED.location())
        .table(SHARED_HISTORY).baselineOnMigrate(true).baselineVersion(sharedPresent(c))
        .baselineDescription("created by an earlier release").load().migrate();
    Flyway.configure().dataSource(source).locations(migrations.location())
        .baselineOnMigrate(true).baselineVersion("0")
        .ignoreMigrationPatterns("*:missing", "*:future").load().migrate();
  }

  /**
   * Returns the version of the shared migrations whose tables are present, "0" for none; used
   * only when the shared history does not exist yet.
   */
  private static String sharedPresent(Connection c) {
    if (!probe(c, "SELECT seq FROM audit_event WHERE 1 = 0")) {
      return "0";
    }
    if (!probe(c, "SELECT name FROM platform_user WHERE 1 = 0")) {
      return "1";
    }
    return probe(c, "SELECT digest FROM audit_event WHERE 1 = 0") ? "3" : "2";
  }

  private static boolean probe(Connection c, String query) {
    try (Statement s = c.createStatement()) {
      s.executeQuery(query).close();
      return true;
    } catch (SQLException e) {
      return false;
    } finally {
      rollbackQuietly(c);
    }
  }

  /** Returns whether both histories end where {@code migrations} and the shared ones do. */
  private static boolean isCurrent(Connection c, Migrations migrations) {
    return lastApplied(c, SHARED_HISTORY).filter(Migrations.SHARED::isCurrentAt).isPresent()
        && lastApplied(c, APP_HISTORY).filter(migrations::isCurrentAt).isPresent();
  }

  /** Returns the version of the last migration of {@code history}, if it succeeded. */
  private static Optional<String> lastApplied(Connection c, String history) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT \"version\", \"success\" FROM \"" + history + "\" "
            + "ORDER BY \"installed_rank\" DESC LIMIT 1")) {
      return rs.next() && rs.getBoolean(2) ? Optional.ofNullable(rs.getString(1))
          : Optional.empty();
    } catch (SQLException e) {
      // A new database has no history yet: Flyway creates it.
      return Optional.empty();
    } finally {
      rollbackQuietly(c);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // Closing follows; H2 discards an uncommitted transaction then too.
      System.getLogger(Database.class.getName()).log(System.Logger.Level.DEBUG, "rollback", e);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // The migration's failure is what the user needs to hear about.
      System.getLogger(Database.class.getName()).log(System.Logger.Level.DEBUG, "close", e);
    }
  }

  private static String reason(Exception e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("already in use") || m.contains("locked by another process")) {
      return "another command is using it; wait for it to finish";
    }
    return m.lines().findFirst().orElse(m);
  }

  /** Work done in one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work; an exception rolls the transaction back. */
    T run(Sql sql) throws IOException;
  }

  /**
   * Runs {@code work} in a transaction: committed if it returns, rolled back if it throws.
   *
   * @throws LedgerException when the database fails
   */
  public <T> T inTransaction(Work<T> work) throws IOException {
    try {
      T result = work.run(new Sql(connection, isShared));
      connection.commit();
      return result;
    } catch (Error e) {
      // Running out of memory, say: roll back, or the next commit on this connection would
      // keep half of this work.
      rollbackQuietly(connection);
      throw e;
    } catch (IOException | RuntimeException e) {
      rollbackQuietly(connection);
      throw e;
    } catch (SQLException e) {
      rollbackQuietly(connection);
      throw Sql.failed(e);
    }
  }

  /**
   * Runs {@code work} reading from one snapshot of the ledger, as it stood when the work began,
   * and writing nothing: a long export sees one consistent ledger while other commands go on
   * writing, neither waiting for the other. The snapshot is let go as soon as the work ends.
   */
  public <T> T inSnapshot(Work<T> work) throws IOException {
    try {
      connection.setReadOnly(true);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    } catch (SQLException e) {
      throw Sql.failed(e);
    }
    try {
      return inTransaction(work);
    } finally {
      try {
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connection.setReadOnly(isReadOnly);
      } catch (SQLException e) {
        // The next transaction would run read-only; closing is what is left.
        System.getLogger(Database.class.getName()).log(System.Logger.Level.DEBUG, "reset", e);
      }
    }
  }

  /** Returns whether this ledger is on a server, where several commands work at once. */
  public boolean isShared() {
    return isShared;
  }

  /**
   * Holds the lock named {@code name} across transactions until {@link #release} or closing,
   * if no other command holds it: on a shared ledger, two builds for one destination, say,
   * never run at once. A command killed while holding it lets go with its connection. An
   * embedded ledger serves one command at a time: there is always the lock.
   *
   * @return whether the lock is now held
   */
  public boolean tryHold(String name) throws LedgerException {
    return !isShared || advisory(connection, "pg_try_advisory_lock", name);
  }

  /** Lets go of the lock named {@code name} that {@link #tryHold} took. */
  public void release(String name) throws LedgerException {
    if (isShared) {
      advisory(connection, "pg_advisory_unlock", name);
    }
  }

  /**
   * Closes the database. When less than half of an H2 file holds live data (a big transaction,
   * such as a first scan, leaves its undo log behind), the file is compacted first: a ledger that
   * stays several times its data's size makes every later command slower to open.
   */
  @Override
  public void close() throws LedgerException {
    try (connection) {
      if (!isReadOnly && isMostlyGarbage()) {
        try (Statement s = connection.createStatement()) {
          s.execute("SHUTDOWN COMPACT");
        }
      }
    } catch (SQLException e) {
      throw new LedgerException("cannot close the ledger: " + e.getMessage(), e);
    }
  }

  private boolean isMostlyGarbage() throws SQLException {
    if (!connection.getMetaData().getURL().startsWith("jdbc:h2:file:")) {
      return false;
    }
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
            + "WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'")) {
      return rs.next() && Integer.parseInt(rs.getString(1)) < MIN_FILL_PERCENT;
    }
  }
}
