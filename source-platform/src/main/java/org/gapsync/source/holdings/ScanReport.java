package org.gapsync.source.holdings;

import java.util.List;

/**
 * What a scan found.
 *
 * @param records records found in the holdings
 * @param added records new to the ledger
 * @param modified records whose metadata or files changed
 * @param deleted records gone from the holdings
 * @param filesHashed files read and hashed
 * @param invalid records skipped because their metadata.xml is invalid, as path:line: rule
 * @param conflicts archival ids claimed by two folders, naming both
 * @param corrupted files whose bytes changed while size and time did not (fixity failures)
 */
public record ScanReport(int records, int added, int modified, int deleted, long filesHashed,
    List<String> invalid, List<String> conflicts, List<String> corrupted) {
  /** Copies the lists. */
  public ScanReport {
    invalid = List.copyOf(invalid);
    conflicts = List.copyOf(conflicts);
    corrupted = List.copyOf(corrupted);
  }

  /** Returns whether anything needs an archivist's attention. */
  public boolean hasProblems() {
    return !invalid.isEmpty() || !conflicts.isEmpty() || !corrupted.isEmpty();
  }
}
