package org.gapsync.format;

/**
 * One volume of a package written as a set of volumes: a package too large for one medium is
 * split by whole records over {@code count} volumes, each a complete signed bag that verifies
 * alone and applies alone.
 *
 * @param number the volume's place in the set, from 1
 * @param count how many volumes the set has, at least 2
 */
public record Volume(int number, int count) {
  /** Checks that the volume is one of a set of at least two. */
  public Volume {
    if (count < 2) {
      throw new IllegalArgumentException("a set has at least 2 volumes: " + count);
    }
    if (number < 1 || number > count) {
      throw new IllegalArgumentException("volume " + number + " is not one of 1.." + count);
    }
  }

  /**
   * Returns the name of this volume's bag on the medium, {@code ID.v2-of-5}, the number padded
   * to the count's width so that the volumes sort in order; a digest of the package id takes
   * its place when that would be too long.
   */
  public PackageId bagName(PackageId packageId) {
    String width = Integer.toString(Integer.toString(count).length());
    String suffix = String.format(java.util.Locale.ROOT, ".v%0" + width + "d-of-%d", number,
        count);
    String name = packageId.value() + suffix;
    return PackageId.isValid(name) ? PackageId.of(name)
        : PackageId.of("vol-" + PackageId.shortDigest(packageId.value()) + suffix);
  }

  /**
   * Returns the name of the parity volume of a set of {@code count} volumes of
   * {@code packageId}, {@code ID.parity-of-5}: the volume from which any one volume of the set
   * lost whole is rebuilt. A digest of the package id takes its place when that would be too
   * long, as for the volumes.
   */
  public static PackageId parityName(PackageId packageId, int count) {
    String suffix = ".parity-of-" + count;
    String name = packageId.value() + suffix;
    return PackageId.isValid(name) ? PackageId.of(name)
        : PackageId.of("vol-" + PackageId.shortDigest(packageId.value()) + suffix);
  }

  /** Returns {@code k of n}, as the bag's {@code Bag-Count} says it. */
  public String bagCount() {
    return number + " of " + count;
  }

  @Override
  public String toString() {
    return "volume " + number + " of " + count;
  }
}
