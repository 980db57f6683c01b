package org.gapsync.platform.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * What every application's ledger transaction has: its statements, the time it stamps on what
 * it writes, and who its changes are attributed to. Each application adds its own tables.
 */
public abstract class LedgerTransaction {
  private final Sql sql;
  private final Clock clock;
  private final String actor;

  /** Creates a transaction over {@code sql}, stamped by {@code clock}, for {@code actor}. */
  protected LedgerTransaction(Sql sql, Clock clock, String actor) {
    this.sql = Objects.requireNonNull(sql, "sql");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.actor = Objects.requireNonNull(actor, "actor");
  }

  /** Returns the statements of this transaction, for the application's tables. */
  protected final Sql sql() {
    return sql;
  }

  /** Returns the time this transaction stamps on what it writes. */
  public final Instant now() {
    return clock.instant();
  }

  /** Returns who this transaction's changes are attributed to. */
  public final String actor() {
    return actor;
  }
}
