package org.gapsync.target.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.gapsync.platform.ledger.Database;
import org.gapsync.platform.ledger.LedgerException;

/**
 * The target's ledger, opened for one command; every change is made in a transaction that
 * commits whole or not at all.
 *
 * <pre>{@code
 * try (TargetLedger ledger = TargetLedger.open(home.ledgerFolder(), clock, "li.na")) {
 *   ledger.inTransaction(tx -> tx.packages().progress("archive-lan"));
 * }
 * }</pre>
 */
public final class TargetLedger implements AutoCloseable {
  private final Database database;
  private final Clock clock;
  private final String actor;

  private TargetLedger(Database database, Clock clock, String actor) {
    this.database = database;
    this.clock = Objects.requireNonNull(clock);
    this.actor = Objects.requireNonNull(actor);
  }

  /** Opens (creating if need be) the H2 ledger in {@code folder}. */
  public static TargetLedger open(Path folder, Clock clock, String actor)
      throws LedgerException {
    return new TargetLedger(Database.open(folder, "classpath:target-ledger"), clock, actor);
  }

  /** Work done in one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work; an exception rolls the transaction back. */
    T run(Transaction tx) throws Exception;
  }

  /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(Work<T> work) throws IOException {
    return database.inTransaction(sql -> work.run(new Transaction(sql, clock, actor)));
  }

  @Override
  public void close() throws LedgerException {
    database.close();
  }
}
