package org.gapsync.source.ledger;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.gapsync.platform.ledger.LedgerTransaction;
import org.gapsync.platform.ledger.Sql;

/** One ledger transaction: the tables, reached through {@link #records()} and {@link #sync()}. */
public final class Transaction extends LedgerTransaction {
  // The hash of the last sync event, once this transaction has read or written one.
  private String syncEventHead;

  Transaction(Sql sql, Clock clock, String actor) {
    super(sql, clock, actor);
  }

  /** Returns the hash the next sync event follows. */
  String syncEventHead() throws IOException {
    if (syncEventHead == null) {
      syncEventHead = SyncEventChain.head(sql());
    }
    return syncEventHead;
  }

  /** Notes the hash of the sync event just written. */
  void followedBy(String hash) {
    syncEventHead = hash;
  }

  /** Returns the records, their files and the changes captured. */
  public RecordTables records() {
    return new RecordTables(this);
  }

  /** Returns what the scan in progress has found, by archival id. */
  public ScanClaims claims() {
    return new ScanClaims(this);
  }

  /** Returns destinations, sync states, packages and events. */
  public SyncTables sync() {
    return new SyncTables(this);
  }

  /** Returns the volumes of packages written as sets. */
  public VolumeTables volumes() {
    return new VolumeTables(this);
  }

  int update(String statement, Object... args) throws IOException {
    return sql().update(statement, args);
  }

  <T> List<T> query(String statement, Sql.Row<T> row, Object... args) throws IOException {
    return sql().query(statement, row, args);
  }

  void forEach(String statement, Sql.Each each, Object... args) throws IOException {
    sql().forEach(statement, each, args);
  }

  <T> Optional<T> queryOne(String statement, Sql.Row<T> row, Object... args)
      throws IOException {
    return sql().queryOne(statement, row, args);
  }

  Sql.Batch batch(String statement) throws IOException {
    return sql().batch(statement);
  }
}
