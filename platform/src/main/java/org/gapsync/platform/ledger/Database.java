package org.gapsync.platform.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A ledger database opened for one command: its schema brought up to date by the application's
 * Flyway migrations, and every change made in a transaction that either commits whole or leaves
 * the database as it was.
 *
 * <pre>{@code
 * try (Database db = Database.open(home.resolve("ledger"), "classpath:ledger")) {
 *   long n = db.inTransaction(sql -> sql.queryOne("SELECT COUNT(*) FROM record",
 *       rs -> rs.getLong(1)).orElseThrow());
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {
  private final Connection connection;

  private Database(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens (creating if need be) the H2 database in {@code folder}. Each commit is written
   * through at once (H2 otherwise delays writes by half a second), so that a commit survives
   * the process being killed right after it: recovery relies on that.
   */
  public static Database open(Path folder, String migrations) throws LedgerException {
    String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("ledger")
        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    return open(url, "sa", "", migrations);
  }

  /** Opens the database at a JDBC URL, migrating its schema from {@code migrations}. */
  public static Database open(String url, String user, String password, String migrations)
      throws LedgerException {
    try {
      Flyway.configure().dataSource(url, user, password).locations(migrations).load().migrate();
    } catch (FlywayException e) {
      throw new LedgerException("cannot open the ledger at " + url + ": " + reason(e), e);
    }
    try {
      Connection c = DriverManager.getConnection(url, user, password);
      c.setAutoCommit(false);
      return new Database(c);
    } catch (SQLException e) {
      throw new LedgerException("cannot open the ledger at " + url + ": " + reason(e), e);
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
    T run(Sql sql) throws Exception;
  }

  /**
   * Runs {@code work} in a transaction: committed if it returns, rolled back if it throws.
   *
   * @throws LedgerException when the database fails
   */
  public <T> T inTransaction(Work<T> work) throws IOException {
    try {
      T result = work.run(new Sql(connection));
      connection.commit();
      return result;
    } catch (Exception e) {
      rollback();
      if (e instanceof SQLException s) {
        throw new LedgerException("ledger error: " + s.getMessage(), s);
      }
      if (e instanceof IOException io) {
        throw io;
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e);
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // The connection is closed next; H2 discards an uncommitted transaction then too.
      System.getLogger(Database.class.getName()).log(System.Logger.Level.DEBUG, "rollback", e);
    }
  }

  @Override
  public void close() throws LedgerException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new LedgerException("cannot close the ledger: " + e.getMessage(), e);
    }
  }
}
