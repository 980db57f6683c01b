package org.gapsync.source.ledger;

import java.util.Objects;
import java.util.Optional;

/**
 * A record as a scan first compares it: where it was, and a digest of its files' names, sizes
 * and times when last scanned, without the files themselves.
 *
 * @param archivalId its archival id
 * @param folder its folder
 * @param version its current version
 * @param isDeleted whether it has been deleted from the holdings
 * @param statDigest the digest of its files' names, sizes and times, when it was fully recorded
 */
public record RecordStat(String archivalId, String folder, long version, boolean isDeleted,
    Optional<String> statDigest) {
  /** Checks the parts. */
  public RecordStat {
    Objects.requireNonNull(archivalId, "archivalId");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(statDigest, "statDigest");
  }
}
