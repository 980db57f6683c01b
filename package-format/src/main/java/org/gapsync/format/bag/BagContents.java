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
 * @param files the files present in the container, payload and tag files alike
 * @param tags the tag manifest, when readable: the digest of each tag file the signature covers
 * @param declared the payload files the header declares, with their sizes
 */
public record BagContents(Optional<BagInfo> info, Optional<Manifest> manifest,
    Set<PackagePath> files, Optional<Manifest> tags, java.util.Map<PackagePath, Long> declared) {
  /** Keeps the collections as given: they may be large, and the verifier no longer changes them. */
  public BagContents {
    files = java.util.Collections.unmodifiableSet(files);
    declared = java.util.Collections.unmodifiableMap(declared);
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
