package org.gapsync.format.syncpackage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A package as written: where it is, its header, and the size of its payload.
 *
 * @param path the package on the medium, under its final name
 * @param header its header, with every file's size and digest
 * @param payloadBytes the bytes of payload it carries
 * @param payloadFiles the number of payload files it carries
 */
public record WrittenPackage(Path path, PackageHeader header, long payloadBytes,
    long payloadFiles) {
  /** Checks that every part is present. */
  public WrittenPackage {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(header, "header");
  }
}
