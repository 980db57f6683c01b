package org.gapsync.source.holdings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gapsync.source.ledger.RecordStat;
import org.gapsync.source.ledger.Transaction;

/**
 * What a scan compares the records of a folder with, one by one: each record the ledger knows
 * there, by folder, with the digest of its files' names, sizes and times. Rows are read one
 * parent folder at a time, for the folders whose digest differs from the ledger's; the files
 * themselves stay in the ledger and are read only for the records whose digest differs.
 */
final class KnownRecords {
  private final Map<String, RecordStat> byFolder = new HashMap<>();
  private final List<RecordStat> all = new ArrayList<>();
  private final Set<String> parents = new HashSet<>();
  private final boolean isWhole;

  private KnownRecords(boolean isWhole) {
    this.isWhole = isWhole;
  }

  /** Returns an index that has read nothing yet, to be read by parent folder. */
  static KnownRecords byParent() {
    return new KnownRecords(false);
  }

  /** Reads every record of the ledger, in one pass. */
  static KnownRecords whole(Transaction tx) throws IOException {
    KnownRecords index = new KnownRecords(true);
    tx.records().forEachRecord(index::add);
    return index;
  }

  /** Reads the records whose folders lie directly in {@code parent}, unless read already. */
  void read(Transaction tx, String parent) throws IOException {
    if (!isWhole && parents.add(parent)) {
      tx.records().forEachRecordIn(parent, this::add);
    }
  }

  /** Returns the record the ledger last saw in {@code folder}, preferring one not deleted. */
  RecordStat inFolder(String folder) {
    return byFolder.get(folder);
  }

  /** Returns every record read, deleted ones included. */
  List<RecordStat> all() {
    return all;
  }

  private void add(RecordStat r) {
    all.add(r);
    RecordStat other = byFolder.get(r.folder());
    if (other == null || other.isDeleted()) {
      byFolder.put(r.folder(), r);
    }
  }
}
