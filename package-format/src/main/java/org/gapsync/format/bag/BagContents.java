package org.gapsync.format.bag;

import java.util.Optional;
import java.util.Set;
import org.gapsync.format.PackagePath;
import org.gapsync.format.manifest.Manifest;

/**
 * What a verifier found in a bag, for the header checks.
 *
 * @param info the bag's metadata, when readable
 * @param manifest the payload manifest, when readable
 * @param payload the payload files present in the container
 * @param tags the tag manifest, when readable: the digest of each tag file the signature covers
 */
public record BagContents(Optional<BagInfo> info, Optional<Manifest> manifest,
    Set<PackagePath> payload, Optional<Manifest> tags) {
  /** Keeps the set as given: it may be large, and the verifier no longer changes it. */
  public BagContents {
    payload = java.util.Collections.unmodifiableSet(payload);
  }

  /** Adds a finding when {@code External-Identifier} is not the header's {@code id}. */
  public void checkExternalIdentifier(String id, String what,
      org.gapsync.format.validation.ValidationReport.Builder out) {
    info.flatMap(i -> i.get("External-Identifier")).filter(found -> !found.equals(id))
        .ifPresent(found -> out.add(org.gapsync.format.validation.FindingCode.HEADER_MISMATCH,
            BagLayout.BAG_INFO.value(), "External-Identifier " + found + " != " + what + " "
                + id + " in the header"));
  }
}
