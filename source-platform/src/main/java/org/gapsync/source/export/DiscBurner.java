package org.gapsync.source.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gapsync.format.Digest;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.parity.ParityIndex;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.SyncPackageVerifier;
import org.gapsync.platform.Plural;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.media.Par2;
import org.gapsync.platform.media.Xorriso;
import org.gapsync.source.ledger.PackageRow;
import org.gapsync.source.ledger.ParityRow;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.VolumeRow;

/**
 * Burns the disc images {@code package build --iso} wrote: for each, finds its package (or
 * volume) in the ledger, checks that the disc in the drive is blank and holds the image, burns
 * it, reads the disc back (xorriso's MD5 checksums of the session and of every file, then the
 * bag on it verified in full, as the target will), records the disc in the ledger, and ejects
 * it before asking for the next.
 */
public final class DiscBurner {
  private final SourceLedger ledger;
  private final TrustStore self;
  private final Path scratch;
  private final Xorriso xorriso;

  /** Asks for the next blank disc, and waits until it is in the drive. */
  @FunctionalInterface
  public interface NextDisc {
    /**
     * Waits for a blank disc for {@code image} (the {@code number}-th of {@code total}) in
     * {@code device}.
     *
     * @throws IOException when no disc comes (the operator stopped)
     */
    void insert(Path image, String device, int number, int total) throws IOException;
  }

  /** One disc burnt and verified. */
  public record Burnt(Path image, String device, PackageId packageId, int volume,
      String detail) {}

  /**
   * Creates a burner for the source whose certificate {@code self} trusts (under its id), its
   * scratch work in {@code scratch}.
   *
   * @throws org.gapsync.platform.media.MissingToolException when xorriso is not installed
   */
  public DiscBurner(SourceLedger ledger, TrustStore self, Path scratch) throws IOException {
    this.ledger = ledger;
    this.self = self;
    this.scratch = scratch;
    this.xorriso = Xorriso.find("burning discs (package burn)");
  }

  /**
   * Burns {@code images} in order, image k onto {@code devices} k (or every one onto the one
   * device given, {@code next} asked for a blank disc between them).
   */
  public List<Burnt> burn(List<Path> images, List<String> devices, NextDisc next,
      java.util.function.Consumer<Burnt> done) throws IOException {
    if (devices.size() > 1 && devices.size() != images.size()) {
      throw new UsageException(images.size() + " images but " + devices.size() + " devices: "
          + "give one --device (each disc in turn) or one per image");
    }
    List<Target> targets = new ArrayList<>();
    for (Path image : images) {
      targets.add(identify(image));
    }
    List<Burnt> out = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      String device = devices.size() == 1 ? devices.get(0) : devices.get(i);
      if (i > 0 && devices.size() == 1) {
        next.insert(images.get(i), device, i + 1, images.size());
      }
      Burnt b = burnOne(targets.get(i), device);
      out.add(b);
      done.accept(b);
    }
    return out;
  }

  /**
   * What an image holds, by the ledger: a package written whole (volume 0), a volume, or the
   * parity volume of a set (volume 0).
   */
  private record Target(Path image, PackageId packageId, int volume, String name,
      boolean isParity) {}

  private Target identify(Path image) throws IOException {
    if (!Files.isRegularFile(image)) {
      throw new java.nio.file.NoSuchFileException(image.toString(), null, "no such disc image");
    }
    String file = image.getFileName().toString();
    String base = file.endsWith(DiscImages.EXTENSION) ? file.substring(0, file.length()
        - DiscImages.EXTENSION.length()) : "";
    if (!PackageId.isValid(base)) {
      throw new UsageException(image + " is not a disc image of 'package build --iso' (named "
          + "PACKAGE.iso or PACKAGE.vK-of-N.iso); nothing was burnt");
    }
    PackageId name = PackageId.of(base);
    return ledger.inTransaction(tx -> {
      Optional<VolumeRow> v = tx.volumes().named(name);
      if (v.isPresent()) {
        return new Target(image, v.get().packageId(), v.get().volume().number(), base, false);
      }
      Optional<ParityRow> parity = tx.volumes().parityNamed(name);
      if (parity.isPresent()) {
        return new Target(image, parity.get().packageId(), 0, base, true);
      }
      Optional<PackageRow> p = tx.sync().packageRow(name);
      if (p.isPresent() && tx.volumes().of(name).isEmpty()) {
        return new Target(image, name, 0, base, false);
      }
      throw new UsageException(image + ": the ledger knows no package or volume " + base
          + " built here; burn the images 'package build --iso' wrote for this source; "
          + "nothing was burnt");
    });
  }

  private Burnt burnOne(Target t, String device) throws IOException {
    long size = Files.size(t.image());
    Xorriso.Disc disc = xorriso.disc(device, scratch);
    if (!disc.isBlank()) {
      throw new UsageException("the disc in " + device + " is not blank (" + disc.status()
          + "); insert a blank disc and run 'package burn' again for " + t.image());
    }
    if (disc.writable() < size) {
      throw new UsageException("the disc in " + device + " holds " + disc.writable()
          + " bytes, but " + t.image() + " takes " + size + "; insert a larger blank disc (as "
          + "large as the --volume-size the package was built for)");
    }
    xorriso.burn(t.image(), device, scratch);
    String checked = readBack(t, device, size);
    ledger.inTransaction(tx -> {
      tx.volumes().addBurnt(t.packageId(), t.volume(), t.isParity(), t.image().toString(),
          size, device);
      return null;
    });
    xorriso.eject(device, scratch);
    return new Burnt(t.image(), device, t.packageId(), t.volume(), checked);
  }

  /**
   * Reads the disc back once, at the drive's speed, into scratch, then checks that copy: bit
   * for bit the image, its session and every file against the MD5 checksums xorriso recorded,
   * and the bag on it verified as the target will.
   */
  private String readBack(Target t, String device, long size) throws IOException {
    Path copy = scratch.resolve(".burnt-" + t.name() + DiscImages.EXTENSION);
    Path read = scratch.resolve(".burnt-" + t.name());
    FileTrees.delete(copy);
    FileTrees.delete(read);
    try {
      xorriso.copyDisc(device, size, copy, scratch);
      if (Files.size(copy) > size) {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(copy,
            java.nio.file.StandardOpenOption.WRITE)) {
          c.truncate(size);
        }
      }
      if (!Digest.ofFile(ParityIndex.ALGORITHM, copy).equals(Digest.ofFile(
          ParityIndex.ALGORITHM, t.image()))) {
        throw new PackageFormatException("the disc in " + device + " does not hold "
            + t.image() + " bit for bit as read back; discard the disc");
      }
      String disc = Xorriso.stdio(copy);
      xorriso.checkImage(disc, scratch);
      xorriso.extract(disc, read, scratch);
      if (t.isParity()) {
        return readBackParity(t, read, device);
      }
      List<Path> bags;
      try (Stream<Path> s = Files.list(read)) {
        bags = s.filter(p -> p.getFileName().toString().startsWith(t.name())
            && !p.getFileName().toString().endsWith(Par2.EXTENSION)).toList();
      }
      if (bags.size() != 1) {
        throw new PackageFormatException("the disc in " + device + " holds " + Plural.of(
            bags.size(), "bag") + " named " + t.name() + ", not one; discard it");
      }
      Path bag = bags.get(0);
      if (EnvelopeReader.isEnvelope(bag)) {
        EnvelopeReader.checkLayout(bag);
        return "encrypted for the destination alone: its bytes match the image's checksums "
            + "and its envelope is as written";
      }
      Verification<PackageHeader> v = new SyncPackageVerifier(self,
          Runtime.getRuntime().availableProcessors()).verify(bag);
      boolean isOurs = v.header().filter(h -> h.packageId().equals(t.packageId())
          && h.volume().map(x -> x.number()).orElse(0) == t.volume()).isPresent();
      if (!v.isValid() || !isOurs) {
        throw new PackageFormatException("the bag read back from the disc in " + device
            + " does not verify (" + v.report().findings().stream().findFirst().map(
                Object::toString).orElse("it is not " + t.name()) + "); discard the disc");
      }
      PackageHeader h = v.header().get();
      return Plural.of(h.records().size(), "record") + " verified as read from the disc";
    } finally {
      FileTrees.delete(read);
      FileTrees.delete(copy);
    }
  }

  /** Checks the parity read back from a disc against its index. */
  private static String readBackParity(Target t, Path read, String device) throws IOException {
    ParityIndex index = ParityIndex.read(read);
    Path parity = read.resolve(ParityIndex.PARITY);
    boolean isWhole = index.packageId().equals(t.packageId()) && Files.isRegularFile(parity)
        && Files.size(parity) == index.parity().bytes()
        && Digest.ofFile(ParityIndex.ALGORITHM, parity).equals(index.parity().digest());
    if (!isWhole) {
      throw new PackageFormatException("the parity read back from the disc in " + device
          + " is not that of " + t.packageId() + " as written; discard the disc");
    }
    return "the parity of " + index.count() + " volumes verified as read from the disc";
  }
}
