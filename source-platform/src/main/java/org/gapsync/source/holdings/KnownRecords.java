package org.gapsync.source.holdings;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gapsync.source.ledger.RecordStat;
import org.gapsync.source.ledger.Transaction;

/**
 * What a scan first compares the holdings with: each record the ledger knows, by folder, with
 * the digest of its files' names, sizes and times. The files themselves stay in the ledger and
 * are read only for the records whose digest differs, so the index costs one row per record.
 */
final class KnownRecords {
  private final Map<String, RecordStat> byFolder = new HashMap<>();
  private final List<RecordStat> all = new ArrayList<>();

  private KnownRecords() {}

  /** Reads the index from the ledger, in one pass over its records. */
  static KnownRecords read(Transaction tx) throws SQLException {
    KnownRecords index = new KnownRecords();
    tx.records().forEachRecord(index::add);
    return index;
  }

  /** Returns the record the ledger last saw in {@code folder}, preferring one not deleted. */
  RecordStat inFolder(String folder) {
    return byFolder.get(folder);
  }

  /** Returns every record the ledger knows, deleted ones included. */
  List<RecordStat> all() {
    return all;
  }

  /** Returns how many records the ledger holds as not deleted. */
  long live() {
    return all.stream().filter(k -> !k.isDeleted()).count();
  }

  private void add(RecordStat r) {
    all.add(r);
    RecordStat other = byFolder.get(r.folder());
    if (other == null || other.isDeleted()) {
      byFolder.put(r.folder(), r);
    }
  }
}
