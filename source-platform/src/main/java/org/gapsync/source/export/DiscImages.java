package org.gapsync.source.export;

import java.io.IOException;
import java.nio.file.Path;
import org.gapsync.format.PackageId;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.format.syncpackage.WrittenPackage;
import org.gapsync.platform.media.Par2;
import org.gapsync.platform.media.Xorriso;

/**
 * Turns a written and verified bag (a package, or a volume of a set) into an ISO 9660 image
 * for a disc: the bag, in its container form, at the image's root; the image written under a
 * hidden name, checked against the MD5 checksums xorriso recorded in it, and only then renamed
 * to {@code NAME.iso}.
 */
final class DiscImages {
  /** The file name extension of a disc image. */
  static final String EXTENSION = ".iso";

  private final Xorriso xorriso;
  private final Par2 par2;
  private final Path scratch;

  private DiscImages(Xorriso xorriso, Par2 par2, Path scratch) {
    this.xorriso = xorriso;
    this.par2 = par2;
    this.scratch = scratch;
  }

  /**
   * Returns the image maker, its logs in {@code scratch}.
   *
   * @throws org.gapsync.platform.media.MissingToolException when xorriso is not installed
   */
  static DiscImages create(Path scratch, int recovery) throws IOException {
    return new DiscImages(Xorriso.find("writing disc images (--iso)"), recovery == 0 ? null
        : Par2.find("recovery data (--recovery " + recovery + ")"), scratch);
  }

  /** Returns the hidden folder beside the images where the bag {@code name} is staged. */
  static Path staging(Path medium, PackageId name) {
    return medium.resolve("." + name.value() + ".staging");
  }

  /**
   * Returns the disc's volume id: the package id and, for a volume of a set, its number, as
   * ISO 9660 spells them ({@code ARCHIVE_LAN_BACKUP_000007_V2}).
   */
  static String volumeId(PackageSpec spec) {
    return Xorriso.volumeId(spec.packageId().value() + spec.volume().map(v -> "_V"
        + v.number()).orElse(""));
  }

  /** Waits for a check that runs beside the image's making, and fails as it did. */
  @FunctionalInterface
  interface Check {
    /** No check: nothing to wait for. */
    Check NONE = () -> { };

    /** Waits for the check; throws what made it fail. */
    void await() throws IOException;
  }

  /**
   * Makes the image of the bag {@code written} (staged in a folder of its own) on
   * {@code medium}, with recovery data of {@code recovery} per cent over its files beside the
   * bag, and returns the bag as written there: the image in its place. The image is published
   * only once {@code verified}, the read-back of the staged bag running meanwhile, has passed.
   */
  WrittenPackage image(WrittenPackage written, Path medium, String volumeId, int recovery,
      Check verified) throws IOException {
    Path tree = written.path().getParent();
    if (recovery > 0) {
      try {
        par2.create(tree, written.spec().bagName().value(), recovery, scratch);
      } catch (IOException | RuntimeException e) {
        // A bag that failed its read-back (and was removed meanwhile) says why first.
        verified.await();
        throw e;
      }
    }
    Path image = imageOf(tree, medium, written.spec().bagName().value() + EXTENSION,
        volumeId, verified);
    return new WrittenPackage(image, written.spec(), written.header(), written.manifest(),
        written.records(), written.payloadBytes(), written.payloadFiles());
  }

  /**
   * Makes the image of the folder {@code tree}, its contents the image's root, on
   * {@code medium} under {@code name}: written under a hidden name, and, once {@code verified}
   * has passed, checked against the MD5 checksums xorriso recorded in it and renamed.
   */
  Path imageOf(Path tree, Path medium, String name, String volumeId, Check verified)
      throws IOException {
    Path partial = medium.resolve("." + name + ".partial");
    Path image = medium.resolve(name);
    FileTrees.delete(partial);
    try {
      try {
        xorriso.makeImage(tree, partial, volumeId, scratch);
      } catch (IOException | RuntimeException e) {
        verified.await();
        throw e;
      }
      verified.await();
      xorriso.checkImage(Xorriso.stdio(partial), scratch);
      org.gapsync.format.container.Durability.publishFile(partial, image);
    } catch (IOException | RuntimeException e) {
      FileTrees.delete(partial);
      throw e;
    }
    return image;
  }
}
