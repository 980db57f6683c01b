package org.gapsync.format.syncpackage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.Volume;

/**
 * Everything about a package to be written except its records.
 *
 * @param packageId the new package's id
 * @param sourcePlatform the id of the platform writing it
 * @param destination the id of the target it is for
 * @param template the destination template that shaped it
 * @param sequence its place in the order of packages to the destination, from 1
 * @param previousPackageId the package before it to the destination, if any
 * @param created when it is built
 * @param operator who builds it
 * @param volume which volume of a set this bag is, when the package is written as a set
 */
public record PackageSpec(PackageId packageId, String sourcePlatform, String destination,
    TemplateRef template, long sequence, Optional<PackageId> previousPackageId, Instant created,
    String operator, Optional<Volume> volume) {
  /** Checks that every part is present and keeps the time to the millisecond. */
  public PackageSpec {
    Objects.requireNonNull(packageId, "packageId");
    Objects.requireNonNull(sourcePlatform, "sourcePlatform");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(previousPackageId, "previousPackageId");
    // The header records milliseconds: what is written is what is read back.
    created = created.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(volume, "volume");
  }

  /** Describes a package written whole, as one bag. */
  public PackageSpec(PackageId packageId, String sourcePlatform, String destination,
      TemplateRef template, long sequence, Optional<PackageId> previousPackageId,
      Instant created, String operator) {
    this(packageId, sourcePlatform, destination, template, sequence, previousPackageId, created,
        operator, Optional.empty());
  }

  /** Returns the spec of volume {@code volume} of this package. */
  public PackageSpec withVolume(Volume volume) {
    return new PackageSpec(packageId, sourcePlatform, destination, template, sequence,
        previousPackageId, created, operator, Optional.of(volume));
  }

  /** Returns the name of the bag: the package id, or the volume's name in a set. */
  public PackageId bagName() {
    return volume.map(v -> v.bagName(packageId)).orElse(packageId);
  }
}
