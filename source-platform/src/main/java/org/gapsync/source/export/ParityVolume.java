package org.gapsync.source.export;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.gapsync.format.PackageId;
import org.gapsync.format.Volume;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.parity.ParityAccumulator;
import org.gapsync.format.parity.ParityIndex;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.platform.media.Xorriso;
import org.gapsync.source.ledger.ParityRow;

/**
 * Writes the parity volume of a set as its volumes are written: each volume's file folded in
 * while it is still on its medium, then the parity, its index and its description published
 * as a folder {@code ID.parity-of-N} (or a disc image {@code ID.parity-of-N.iso}) beside the
 * volumes, under a hidden name until it is whole.
 */
final class ParityVolume implements Closeable {
  private final PackageId name;
  private final Path staging;
  private final ParityAccumulator parity;
  private Path tree;
  private Path written;

  private ParityVolume(PackageId name, Path staging, ParityAccumulator parity) {
    this.name = name;
    this.staging = staging;
    this.parity = parity;
    this.tree = staging;
  }

  /**
   * Starts the parity of the set of {@code count} volumes of {@code packageId} in a hidden
   * folder in {@code home}: the medium it goes onto, or scratch when that medium is not
   * mounted yet.
   */
  static ParityVolume start(Path home, PackageId packageId, int count) throws IOException {
    PackageId name = Volume.parityName(packageId, count);
    Path staging = DiscImages.staging(home, name);
    FileTrees.delete(staging);
    Files.createDirectory(staging);
    return new ParityVolume(name, staging, ParityAccumulator.create(staging.resolve(
        ParityIndex.PARITY)));
  }

  /** Returns the parity volume's name. */
  PackageId name() {
    return name;
  }

  /** Folds volume {@code number}, written and verified as the file {@code volume}, in. */
  void fold(int number, Path volume) throws IOException {
    parity.fold(number, volume);
  }

  /**
   * Finishes the parity of the set {@code spec} and publishes it onto {@code medium}, as a
   * disc image when {@code images} is given, and returns its row for the ledger.
   */
  ParityRow publish(PackageSpec spec, int count, Path medium, DiscImages images)
      throws IOException {
    ParityIndex index = parity.finish(spec.packageId());
    parity.close();
    if (!staging.getParent().equals(medium)) {
      // Made in scratch while the volumes' media came and went: onto its own medium now.
      tree = DiscImages.staging(medium, name);
      FileTrees.delete(tree);
      Files.createDirectory(tree);
      Files.move(staging.resolve(ParityIndex.PARITY), tree.resolve(ParityIndex.PARITY));
    }
    index.write(tree.resolve(ParityIndex.FILE));
    VolumeDescription.writeParity(tree, spec, index);
    if (images != null) {
      written = images.imageOf(tree, medium, name.value() + DiscImages.EXTENSION,
          Xorriso.volumeId(spec.packageId().value() + "_P"), DiscImages.Check.NONE);
      FileTrees.delete(tree);
    } else {
      written = medium.resolve(name.value());
      Files.move(tree, written, StandardCopyOption.ATOMIC_MOVE);
    }
    return new ParityRow(spec.packageId(), count, name, FileTrees.size(written, 1),
        index.parity().digest(), written.toString());
  }

  /** Returns where the parity volume was published, once it is. */
  Path written() {
    return written;
  }

  /** Removes the parity volume and what was staged for it. */
  void discard() throws IOException {
    close();
    FileTrees.delete(staging);
    FileTrees.delete(tree);
    if (written != null) {
      FileTrees.delete(written);
      written = null;
    }
  }

  @Override
  public void close() throws IOException {
    parity.close();
  }
}
