package org.gapsync.format.bag;

import java.util.Optional;
import org.gapsync.format.signature.SignatureCheck;
import org.gapsync.format.validation.ValidationReport;

/**
 * The outcome of verifying a bag: the complete report and whatever could be read.
 *
 * @param report every finding
 * @param header the header, when it could be read (even if other checks failed)
 * @param signature the signature check, when a signature was present
 * @param contents the bag's metadata, manifest and payload digests as found
 * @param <H> the header's domain type
 */
public record Verification<H>(ValidationReport report, Optional<H> header,
    Optional<SignatureCheck> signature, BagContents contents) {
  /** Returns whether nothing was found wrong. */
  public boolean isValid() {
    return report.isValid();
  }
}
