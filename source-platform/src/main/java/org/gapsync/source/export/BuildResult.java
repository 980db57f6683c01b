package org.gapsync.source.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a package build did.
 *
 * @param packagePath the package written and verified on the medium, if one was needed
 * @param packageId its id
 * @param sequence its sequence number
 * @param records the records it carries
 * @param files the files it carries
 * @param bytes the payload bytes it carries
 * @param settled records that needed no package (already held, or nothing to delete)
 */
public record BuildResult(Optional<Path> packagePath, Optional<String> packageId,
    long sequence, int records, long files, long bytes, List<String> settled) {
  /** Copies the list. */
  public BuildResult {
    settled = List.copyOf(settled);
  }
}
