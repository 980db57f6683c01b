package org.gapsync.source.holdings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gapsync.source.ledger.RecordStat;
import org.gapsync.source.ledger.Transaction;

/**
 * What a scan compares the records of a folder with, one by one: each record the ledger knows
 * there, by folder, with the digest of its files' names, sizes and times. Rows are read one
 * parent folder at a time, for the folders whose digest differs from the ledger's, and dropped
 * once that folder is compared; the files themselves stay in the ledger and are read only for
 * the records whose digest differs. A ledger from before parent folders were kept is read whole,
 * once.
 */
final class KnownRecords {
  // Every record by folder, when the ledger is read whole; null when read by parent.
  private final Map<String, RecordStat> whole;
  private final List<RecordStat> all;

  private KnownRecords(Map<String, RecordStat> whole, List<RecordStat> all) {
    this.whole = whole;
    this.all = all;
  }

  /** Returns an index that reads the ledger by parent folder. */
  static KnownRecords byParent() {
    return new KnownRecords(null, List.of());
  }

  /** Reads every record of the ledger, in one pass. */
  static KnownRecords whole(Transaction tx) throws IOException {
    Map<String, RecordStat> byFolder = new HashMap<>();
    List<RecordStat> all = new ArrayList<>();
    tx.records().forEachRecord(r -> {
      all.add(r);
      add(byFolder, r);
    });
    return new KnownRecords(byFolder, all);
  }

  /**
   * Returns the records the ledger last saw in each folder directly in {@code parent}, by
   * folder, preferring one not deleted.
   */
  Map<String, RecordStat> in(Transaction tx, String parent) throws IOException {
    if (whole != null) {
      return whole;
    }
    Map<String, RecordStat> byFolder = new HashMap<>();
    tx.records().forEachRecordIn(parent, r -> add(byFolder, r));
    return byFolder;
  }

  /** Returns every record of a ledger read whole, deleted ones included; none otherwise. */
  List<RecordStat> all() {
    return all;
  }

  private static void add(Map<String, RecordStat> byFolder, RecordStat r) {
    RecordStat other = byFolder.get(r.folder());
    if (other == null || other.isDeleted()) {
      byFolder.put(r.folder(), r);
    }
  }
}
