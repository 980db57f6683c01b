package org.gapsync.source.ledger;

import java.util.Map;

/**
 * A record as the ledger knows it.
 *
 * @param archivalId its archival id
 * @param folder its folder, relative to the holdings root
 * @param version its current version
 * @param isDeleted whether it has been deleted from the holdings
 * @param files its files by path
 */
public record StoredRecord(String archivalId, String folder, long version, boolean isDeleted,
    Map<String, StoredFile> files) {
  /** Copies the map. */
  public StoredRecord {
    files = Map.copyOf(files);
  }
}
