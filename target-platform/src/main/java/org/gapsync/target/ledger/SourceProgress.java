package org.gapsync.target.ledger;

import java.util.Optional;
import org.gapsync.format.PackageId;

/**
 * How far one source's packages have come on this target.
 *
 * @param sourceId the source platform
 * @param lastSequence the last sequence number settled (applied, or rejected but authentic)
 * @param lastPackageId the package that settled it
 */
public record SourceProgress(String sourceId, long lastSequence,
    Optional<PackageId> lastPackageId) {
  /** Returns the progress of a source nothing has come from yet. */
  public static SourceProgress none(String sourceId) {
    return new SourceProgress(sourceId, 0, Optional.empty());
  }
}
