package org.gapsync.source.export;

import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.signature.KeySuccession;

/**
 * What ingesting a damage report did.
 *
 * @param reportId the damage report
 * @param destination the destination whose replica is damaged
 * @param isRepeat whether this report had been ingested before (nothing changed)
 * @param requeued records that were confirmed there, failed now and queued again, each with
 *     its damage
 * @param noted records named that needed no new queueing, each with the reason
 * @param adopted the destination's new certificate, if its report announced one
 */
public record DamageResult(PackageId reportId, String destination, boolean isRepeat,
    List<String> requeued, List<String> noted, Optional<KeySuccession.Announcement> adopted)
    implements Ingested {
  /** Copies the lists. */
  public DamageResult {
    requeued = List.copyOf(requeued);
    noted = List.copyOf(noted);
  }

  /** Returns this result telling that {@code announcement} was adopted. */
  DamageResult adopting(Optional<KeySuccession.Announcement> announcement) {
    return new DamageResult(reportId, destination, isRepeat, requeued, noted, announcement);
  }
}
