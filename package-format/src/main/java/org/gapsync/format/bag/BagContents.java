package org.gapsync.format.bag;

import java.util.Map;
import java.util.Optional;
import org.gapsync.format.FileState;
import org.gapsync.format.PackagePath;
import org.gapsync.format.manifest.Manifest;

/**
 * What a verifier found in a bag, for the header checks.
 *
 * @param info the bag's metadata, when readable
 * @param manifest the payload manifest, when readable
 * @param payload each payload file that was read, with its actual size and digest
 */
public record BagContents(Optional<BagInfo> info, Optional<Manifest> manifest,
    Map<PackagePath, FileState> payload) {
  /** Copies the map. */
  public BagContents {
    payload = Map.copyOf(payload);
  }
}
