package org.gapsync.source.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The ledger database, opened for one command: its schema brought up to date by Flyway, and
 * every change made in a transaction that either commits whole or leaves the ledger as it was.
 *
 * <pre>{@code
 * try (Ledger ledger = Ledger.open(home.resolve("ledger"), clock, "wang.li")) {
 *   ledger.inTransaction(tx -> tx.records().all());
 * }
 * }</pre>
 */
public final class Ledger implements AutoCloseable {
  private final Connection connection;
  private final Clock clock;
  private final String actor;

  private Ledger(Connection connection, Clock clock, String actor) {
    this.connection = connection;
    this.clock = clock;
    this.actor = actor;
  }

  /** Opens (creating if need be) the H2 ledger in {@code folder}. */
  public static Ledger open(Path folder, Clock clock, String actor) throws LedgerException {
    String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("ledger")
        + ";DB_CLOSE_ON_EXIT=FALSE";
    return open(url, "sa", "", clock, actor);
  }

  /** Opens the ledger at a JDBC URL, migrating its schema. */
  public static Ledger open(String url, String user, String password, Clock clock,
      String actor) throws LedgerException {
    try {
      Flyway.configure().dataSource(url, user, password).locations("classpath:ledger")
          .load().migrate();
    } catch (FlywayException e) {
      throw new LedgerException("cannot open the ledger at " + url + ": " + reason(e), e);
    }
    try {
      Connection c = DriverManager.getConnection(url, user, password);
      c.setAutoCommit(false);
      return new Ledger(c, Objects.requireNonNull(clock), Objects.requireNonNull(actor));
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

  /** Returns who this ledger's changes are attributed to. */
  public String actor() {
    return actor;
  }

  /** Work done in one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work; an exception rolls the transaction back. */
    T run(Transaction tx) throws Exception;
  }

  /**
   * Runs {@code work} in a transaction: committed if it returns, rolled back if it throws.
   *
   * @throws LedgerException when the database fails
   */
  public <T> T inTransaction(Work<T> work) throws java.io.IOException {
    try {
      T result = work.run(new Transaction(connection, clock, actor));
      connection.commit();
      return result;
    } catch (Exception e) {
      rollback();
      if (e instanceof SQLException s) {
        throw new LedgerException("ledger error: " + s.getMessage(), s);
      }
      if (e instanceof java.io.IOException io) {
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
      System.getLogger(Ledger.class.getName()).log(System.Logger.Level.DEBUG, "rollback", e);
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
