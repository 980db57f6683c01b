package org.gapsync.source.export;

import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.signature.KeySuccession;

/**
 * What ingesting a receipt did.
 *
 * @param packageId the package the receipt answers
 * @param receiptId the receipt
 * @param isRepeat whether this receipt had been ingested before (nothing changed)
 * @param confirmed how many records were confirmed
 * @param failed records failed and re-queued, each with its reason
 * @param adopted the destination's new certificate, trusted from now on because its earlier,
 *     trusted key announced it in this receipt (the destination rotated its key)
 */
public record IngestResult(PackageId packageId, PackageId receiptId, boolean isRepeat,
    long confirmed, List<String> failed, Optional<KeySuccession.Announcement> adopted)
    implements Ingested {
  /** Copies the list. */
  public IngestResult {
    failed = List.copyOf(failed);
  }

  /** Returns this result telling that {@code announcement} was adopted. */
  IngestResult adopting(Optional<KeySuccession.Announcement> announcement) {
    return new IngestResult(packageId, receiptId, isRepeat, confirmed, failed, announcement);
  }
}
