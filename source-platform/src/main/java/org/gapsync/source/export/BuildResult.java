package org.gapsync.source.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageId;

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
 * @param leftovers what an interrupted build of the same package had left on the medium, which
 *     the ledger never recorded, removed before this one was written
 * @param volumes the volumes written, in order, when the package was written as a set of
 *     volumes; empty when it was written whole
 * @param parity the set's parity volume, when it was given one
 */
public record BuildResult(Optional<Path> packagePath, Optional<PackageId> packageId,
    long sequence, int records, long files, long bytes, List<String> settled,
    List<Path> leftovers, List<Path> volumes, Optional<Path> parity) {
  /** Copies the lists. */
  public BuildResult {
    settled = List.copyOf(settled);
    leftovers = List.copyOf(leftovers);
    volumes = List.copyOf(volumes);
  }

  /** Describes a build that wrote no parity volume. */
  public BuildResult(Optional<Path> packagePath, Optional<PackageId> packageId, long sequence,
      int records, long files, long bytes, List<String> settled, List<Path> leftovers,
      List<Path> volumes) {
    this(packagePath, packageId, sequence, records, files, bytes, settled, leftovers, volumes,
        Optional.empty());
  }
}
