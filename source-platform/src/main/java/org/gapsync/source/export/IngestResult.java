package org.gapsync.source.export;

import java.util.List;

/**
 * What ingesting a receipt did.
 *
 * @param packageId the package the receipt answers
 * @param receiptId the receipt
 * @param isRepeat whether this receipt had been ingested before (nothing changed)
 * @param confirmed records confirmed
 * @param failed records failed and re-queued, each with its reason
 */
public record IngestResult(String packageId, String receiptId, boolean isRepeat,
    List<String> confirmed, List<String> failed) {
  /** Copies the lists. */
  public IngestResult {
    confirmed = List.copyOf(confirmed);
    failed = List.copyOf(failed);
  }
}
