package org.gapsync.source.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.gapsync.platform.ledger.Database;
import org.gapsync.platform.ledger.LedgerException;

/**
 * The source's ledger, opened for one command: its schema brought up to date by Flyway, and
 * every change made in a transaction that either commits whole or leaves the ledger as it was.
 *
 * <pre>{@code
 * try (Ledger ledger = Ledger.open(home.resolve("ledger"), clock, "wang.li")) {
 *   ledger.inTransaction(tx -> tx.records().all());
 * }
 * }</pre>
 */
public final class Ledger implements AutoCloseable {
  static final String MIGRATIONS = "classpath:ledger";
  private final Database database;
  private final Clock clock;
  private final String actor;

  private Ledger(Database database, Clock clock, String actor) {
    this.database = database;
    this.clock = Objects.requireNonNull(clock);
    this.actor = Objects.requireNonNull(actor);
  }

  /** Opens (creating if need be) the H2 ledger in {@code folder}. */
  public static Ledger open(Path folder, Clock clock, String actor) throws LedgerException {
    return new Ledger(Database.open(folder, MIGRATIONS), clock, actor);
  }

  /** Opens the ledger at a JDBC URL, migrating its schema. */
  public static Ledger open(String url, String user, String password, Clock clock,
      String actor) throws LedgerException {
    return new Ledger(Database.open(url, user, password, MIGRATIONS), clock, actor);
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
  public <T> T inTransaction(Work<T> work) throws IOException {
    return database.inTransaction(sql -> work.run(new Transaction(sql, clock, actor)));
  }

  @Override
  public void close() throws LedgerException {
    database.close();
  }
}
