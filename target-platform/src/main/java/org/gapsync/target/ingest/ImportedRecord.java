package org.gapsync.target.ingest;

import java.util.Locale;
import java.util.Objects;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.syncpackage.ChangeKind;

/**
 * A record of an imported package, as the import report shows it: what the receipt says of
 * it, what the package did to it, and its title.
 *
 * @param result what the receipt says of it
 * @param change what the package carried: an addition, a modification or a deletion
 * @param title its title, as its metadata says (for a deletion, as it said when last applied),
 *     or empty when none is known
 */
public record ImportedRecord(RecordResult result, ChangeKind change, String title) {
  /** Checks the parts. */
  public ImportedRecord {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(title, "title");
  }

  /**
   * Returns what became of it, as people read it: {@code added}, {@code modified},
   * {@code deleted}, {@code already applied} or {@code rejected}.
   */
  public String outcome() {
    return switch (result.outcome()) {
      case ALREADY_APPLIED -> "already applied";
      case REJECTED -> "rejected";
      case APPLIED -> switch (change) {
        case ADD -> "added";
        case MODIFY -> "modified";
        case DELETE -> "deleted";
        default -> change.name().toLowerCase(Locale.ROOT);
      };
      default -> result.outcome().name().toLowerCase(Locale.ROOT);
    };
  }

  /** Returns whether it was applied as the package said, or had been before. */
  public boolean isApplied() {
    return result.outcome() != RecordOutcome.REJECTED;
  }
}
