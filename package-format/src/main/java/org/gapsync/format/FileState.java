package org.gapsync.format;

import java.util.Objects;

/**
 * A file as it is, or must be: its path (inside a record), size and digest.
 *
 * @param path the file's path inside its record
 * @param size its size in bytes
 * @param digest the digest of its bytes
 */
public record FileState(PackagePath path, long size, Digest digest) {
  /** Checks that every part is present and the size is not negative. */
  public FileState {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("size < 0: " + size);
    }
  }
}
