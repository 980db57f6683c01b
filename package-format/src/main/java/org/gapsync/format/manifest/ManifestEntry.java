package org.gapsync.format.manifest;

import java.util.Objects;
import org.gapsync.format.Digest;
import org.gapsync.format.PackagePath;

/**
 * One manifest line: a file and its digest.
 *
 * @param path the file's path from the bag's root
 * @param digest its digest
 */
public record ManifestEntry(PackagePath path, Digest digest) {
  /** Checks that both parts are present. */
  public ManifestEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(digest, "digest");
  }
}
