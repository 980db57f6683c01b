package org.gapsync.format.syncpackage;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gapsync.format.PackageId;
import org.gapsync.format.Volume;
import org.gapsync.format.WalkedList;

/**
 * The sync header ({@code sync/package.xml}): who sent the package, to whom, in which order,
 * and what it changes.
 *
 * @param packageId the package's id, also its bag's {@code External-Identifier}
 * @param sourcePlatform the id of the platform that built it
 * @param destination the id of the target platform it is for
 * @param template the destination template that shaped it
 * @param sequence its place in the order of packages to this destination, from 1
 * @param previousPackageId the package before it to this destination, absent for the first
 * @param created when it was built
 * @param operator who built it
 * @param volume which volume of a set this bag is, when the package was written as a set: its
 *     records are then those this volume carries
 * @param records the record changes it carries, each record at most once; walk it rather than
 *     index it, since a header read from a package reads its records as they are walked
 */
public record PackageHeader(PackageId packageId, String sourcePlatform, String destination,
    TemplateRef template, long sequence, Optional<PackageId> previousPackageId, Instant created,
    String operator, Optional<Volume> volume, List<RecordChange> records) {
  /**
   * Checks every part, and that records and their folders are unique; the records of a header
   * read from its document are walked from it, having been checked as it was read.
   */
  public PackageHeader {
    Objects.requireNonNull(packageId, "packageId");
    PackageId.of(sourcePlatform);
    PackageId.of(destination);
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(previousPackageId, "previousPackageId");
    created = created.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(volume, "volume");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence < 1: " + sequence);
    }
    if (!(records instanceof WalkedList)) {
      records = List.copyOf(records);
      checkUnique(records);
    }
  }

  /** Describes a package written whole, as one bag. */
  public PackageHeader(PackageId packageId, String sourcePlatform, String destination,
      TemplateRef template, long sequence, Optional<PackageId> previousPackageId,
      Instant created, String operator, List<RecordChange> records) {
    this(packageId, sourcePlatform, destination, template, sequence, previousPackageId, created,
        operator, Optional.empty(), records);
  }

  /** Returns the name of the bag: the package id, or the volume's name in a set. */
  public PackageId bagName() {
    return volume.map(v -> v.bagName(packageId)).orElse(packageId);
  }

  private static void checkUnique(List<RecordChange> records) {
    Set<String> ids = new HashSet<>();
    Set<String> folders = new HashSet<>();
    for (RecordChange r : records) {
      if (!ids.add(r.archivalId())) {
        throw new IllegalArgumentException("record listed twice: " + r.archivalId());
      }
      if (!folders.add(r.folder().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("folder used twice: " + r.folder());
      }
    }
  }
}
