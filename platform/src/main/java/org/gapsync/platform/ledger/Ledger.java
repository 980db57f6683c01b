package org.gapsync.platform.ledger;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import org.gapsync.platform.premis.PremisWriter;

/**
 * An application's ledger, opened for one command: a {@link Database} whose transactions are
 * handed to the application's work as its own transaction type {@code X}, which knows the
 * application's tables.
 *
 * <pre>{@code
 * final class TargetLedger extends Ledger<Transaction> {
 *   TargetLedger(Database db, Clock clock, String actor) {
 *     super(db, sql -> new Transaction(sql, clock, actor));
 *   }
 * }
 * }</pre>
 *
 * @param <X> the application's transaction type
 */
public abstract class Ledger<X> implements AutoCloseable {
  private final Database database;
  private final Function<Sql, X> transactions;
  private final boolean isOwner;

  /** Creates a ledger over {@code database}, wrapping each transaction by {@code transactions}. */
  protected Ledger(Database database, Function<Sql, X> transactions) {
    this(database, transactions, true);
  }

  /**
   * Creates a ledger over {@code database}; unless it {@code isOwner}, closing it leaves the
   * database open for whoever opened it.
   */
  protected Ledger(Database database, Function<Sql, X> transactions, boolean isOwner) {
    this.database = Objects.requireNonNull(database, "database");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.isOwner = isOwner;
  }

  /** Returns the database, for a view of this ledger that shares it. */
  protected final Database database() {
    return database;
  }

  /** Work done in one transaction. */
  @FunctionalInterface
  public interface Work<X, T> {
    /** Does the work; an exception rolls the transaction back. */
    T run(X tx) throws IOException;
  }

  /**
   * Runs {@code work} in a transaction: committed if it returns, rolled back if it throws.
   *
   * @throws LedgerException when the database fails
   */
  public final <T> T inTransaction(Work<X, T> work) throws IOException {
    return database.inTransaction(sql -> work.run(transactions.apply(sql)));
  }

  /**
   * Runs {@code work} on the tables every platform's ledger keeps (the audit trail, the users:
   * {@link Migrations#SHARED}), in a transaction: committed if it returns, rolled back
   * if it throws.
   */
  public final <T> T inSharedTables(Database.Work<T> work) throws IOException {
    return database.inTransaction(work);
  }

  /**
   * Runs {@code work} on the tables every platform's ledger keeps, reading one snapshot and
   * writing nothing, while other commands go on writing ({@link Database#inSnapshot}).
   */
  public final <T> T inSharedSnapshot(Database.Work<T> work) throws IOException {
    return database.inSnapshot(work);
  }

  /**
   * Runs {@code work} reading one snapshot of the ledger and writing nothing, while other
   * commands go on writing ({@link Database#inSnapshot}).
   */
  public final <T> T inSnapshot(Work<X, T> work) throws IOException {
    return database.inSnapshot(sql -> work.run(transactions.apply(sql)));
  }

  /**
   * Holds the lock named {@code name} until {@link #release} or closing, if no other command
   * holds it ({@link Database#tryHold}).
   */
  public final boolean tryHold(String name) throws LedgerException {
    return database.tryHold(name);
  }

  /** Lets go of the lock {@link #tryHold} took. */
  public final void release(String name) throws LedgerException {
    database.release(name);
  }

  /**
   * Copies every row of this ledger into {@code into}, a new ledger of the same application,
   * in one transaction there that commits only once every table reads back as written
   * ({@link LedgerCopy}).
   */
  public final LedgerCopy.Report copyInto(Ledger<?> into) throws IOException {
    return LedgerCopy.copy(database, into.database);
  }

  /** Returns whether the ledger is on a server that several commands use at once. */
  public final boolean isShared() {
    return database.isShared();
  }

  /** Returns whether the ledger was opened read-only: it records nothing, not even a run. */
  public final boolean isReadOnly() {
    return database.isReadOnly();
  }

  /**
   * Writes the ledger of {@code platform} to {@code out} as PREMIS: the application's objects,
   * the events of the shared tables that {@code shared} writes, then the application's own
   * events, all read in one transaction.
   */
  public final void exportPremis(String platform, PremisWriter out, Database.Work<?> shared)
      throws IOException {
    try {
      database.inSnapshot(sql -> {
        premisObjects(platform, sql, out);
        shared.run(sql);
        premisEvents(platform, sql, out);
        return null;
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Checks the application's state rows against its hash-chained events, in one transaction:
   * empty for an application that keeps no such events.
   */
  public final java.util.Optional<StateCheck> verifyState() throws IOException {
    return database.inTransaction(this::checkState);
  }

  /** Returns the last of the application's chained state events, if it keeps any. */
  public final java.util.Optional<ChainHead> stateHead() throws IOException {
    return database.inTransaction(this::stateHead);
  }

  /** Returns the chain hash of the state event {@code id}, if the ledger still holds it. */
  public final java.util.Optional<String> stateHashAt(long id) throws IOException {
    return database.inTransaction(sql -> stateHashAt(sql, id));
  }

  /** Returns the last chained state event; none by default. */
  protected java.util.Optional<ChainHead> stateHead(Sql sql) throws IOException {
    return java.util.Optional.empty();
  }

  /** Returns the chain hash of the state event {@code id}; none by default. */
  protected java.util.Optional<String> stateHashAt(Sql sql, long id) throws IOException {
    return java.util.Optional.empty();
  }

  /** Checks the application's state rows against its events; none by default. */
  protected java.util.Optional<StateCheck> checkState(Sql sql) throws IOException {
    return java.util.Optional.empty();
  }

  /** Writes the application's PREMIS objects (records, packages); none by default. */
  protected void premisObjects(String platform, Sql sql, PremisWriter out)
      throws IOException {}

  /** Writes the application's PREMIS events beyond the audit trail; none by default. */
  protected void premisEvents(String platform, Sql sql, PremisWriter out)
      throws IOException {}

  /** Closes the database, if this ledger opened it. */
  @Override
  public final void close() throws LedgerException {
    if (isOwner) {
      database.close();
    }
  }
}
