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
  private static final String HOLDINGS = "holdings";
  private String syncEventHead;

  Transaction(Sql sql, Clock clock, String actor) {
    super(sql, clock, actor);
  }

  /**
   * Takes the holdings for this transaction alone, as a scan does: on a shared ledger the
   * transactions that read records to act on them (builds, ingests) wait for it, and it for
   * them, so that none sees a scan half recorded. Locks go holdings first, then destination,
   * then the chains.
   */
  public void lockHoldings() throws IOException {
    sql().lock(HOLDINGS);
  }

  /** Takes the holdings for this transaction, beside others that share them (not a scan). */
  public void shareHoldings() throws IOException {
    sql().lockShared(HOLDINGS);
  }

  /**
   * Takes destination {@code id} for this transaction alone: on a shared ledger, what changes
   * its sync states (a build's plan and its record, an ingest, a cancel) happens one at a time.
   */
  public void lockDestination(String id) throws IOException {
    sql().lock("destination:" + id);
  }

  /** Returns the hash the next sync event follows. */
  String syncEventHead() throws IOException {
    if (syncEventHead == null) {
      // On a shared ledger, transactions that record sync events do so one after another from
      // here to their commit: two that read the same head would fork the chain.
      sql().lock(SyncEventChain.LOCK);
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

  /** Returns what the ledger's reports read. */
  public ReportTables report() {
    return new ReportTables(this);
  }

  /** Returns what the console browses: records found by a search, packages. */
  public BrowseTables browse() {
    return new BrowseTables(this);
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
