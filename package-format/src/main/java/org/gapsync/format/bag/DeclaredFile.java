package org.gapsync.format.bag;

import java.util.Objects;
import org.gapsync.format.Digest;
import org.gapsync.format.PackagePath;

/**
 * A payload file as a bag's header declares it: where it is, its size and digest, and what in
 * the header names it, for messages.
 *
 * @param path the file's path in the bag
 * @param size its size in bytes
 * @param digest its digest
 * @param owner what declares it, such as {@code record A-1}
 */
public record DeclaredFile(PackagePath path, long size, Digest digest, String owner) {
  /** Checks that nothing is missing. */
  public DeclaredFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(owner, "owner");
  }
}
