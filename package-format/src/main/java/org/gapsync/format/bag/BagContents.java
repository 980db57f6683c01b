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
    info.flatMap(i -> i.get("External-Identifier")).filter(found -> !found.equals(id))
        .ifPresent(found -> out.add(FindingCode.HEADER_MISMATCH, BagLayout.BAG_INFO.value(),
            "External-Identifier " + found + " != " + what + " " + id + " in the header"));
  }
}
