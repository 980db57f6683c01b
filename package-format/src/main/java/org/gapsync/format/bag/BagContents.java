package org.gapsync.format.bag;

import java.util.Optional;
import org.gapsync.format.manifest.Manifest;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.format.validation.ValidationReport;

/**
 * What a verifier read of a bag's metadata, for the header checks. The payload's files are
 * compared as they are read and not kept.
 *
 * @param info the bag's metadata, when readable
 * @param tags the tag manifest, when readable: the digest of each tag file the signature covers
 */
public record BagContents(Optional<BagInfo> info, Optional<Manifest> tags) {
  /** Adds a finding when {@code External-Identifier} is not the header's {@code id}. */
  public void checkExternalIdentifier(String id, String what, ValidationReport.Builder out) {
    checkLabel("External-Identifier", id, what, out);
  }

  /**
   * Adds a finding when the bag-info element {@code label}, if present, is not {@code value},
   * which the header gives as {@code what}.
   */
  public void checkLabel(String label, String value, String what,
      ValidationReport.Builder out) {
    info.flatMap(i -> i.get(label)).filter(found -> !found.equals(value))
        .ifPresent(found -> out.add(FindingCode.HEADER_MISMATCH, BagLayout.BAG_INFO.value(),
            label + " " + found + " != " + what + " " + value + " in the header"));
  }
}
