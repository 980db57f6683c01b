package org.gapsync.format.receipt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.ArchivalId;
import org.gapsync.format.FileState;

/**
 * What became of one record, with its whole state on the target after apply.
 *
 * @param archivalId the record's archival id
 * @param version the record's version the package carried
 * @param outcome applied, already applied, or rejected
 * @param reason why it was rejected, when it was
 * @param files every file the record now has on the target, re-read from the replica
 */
public record RecordResult(String archivalId, long version, RecordOutcome outcome,
    Optional<String> reason, List<FileState> files) {
  /** Checks the parts; a rejection needs a reason. */
  public RecordResult {
    ArchivalId.check(archivalId);
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    files = List.copyOf(files);
    if (version < 1) {
      throw new IllegalArgumentException("version < 1: " + version);
    }
    if (outcome == RecordOutcome.REJECTED && reason.isEmpty()) {
      throw new IllegalArgumentException("a rejected record needs a reason: " + archivalId);
    }
  }
}
