package org.gapsync.source.ledger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gapsync.platform.ledger.Sql;

/** One ledger transaction: the tables, reached through {@link #records()} and {@link #sync()}. */
public final class Transaction {
  private final Sql sql;
  private final Clock clock;
  private final String actor;

  Transaction(Sql sql, Clock clock, String actor) {
    this.sql = sql;
    this.clock = clock;
    this.actor = actor;
  }

  /** Returns the records, their files and the changes captured. */
  public RecordTables records() {
    return new RecordTables(this);
  }

  /** Returns destinations, sync states, packages and events. */
  public SyncTables sync() {
    return new SyncTables(this);
  }

  /** Returns the time this transaction stamps on what it writes. */
  public Instant now() {
    return clock.instant();
  }

  /** Returns who this transaction's changes are attributed to. */
  public String actor() {
    return actor;
  }

  int update(String statement, Object... args) throws SQLException {
    return sql.update(statement, args);
  }

  <T> List<T> query(String statement, Sql.Row<T> row, Object... args) throws SQLException {
    return sql.query(statement, row, args);
  }

  <T> Optional<T> queryOne(String statement, Sql.Row<T> row, Object... args)
      throws SQLException {
    return sql.queryOne(statement, row, args);
  }

  Sql.Batch batch(String statement) throws SQLException {
    return sql.batch(statement);
  }
}
