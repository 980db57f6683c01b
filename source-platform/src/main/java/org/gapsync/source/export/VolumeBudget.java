package org.gapsync.source.export;

import java.nio.charset.StandardCharsets;
import org.gapsync.format.container.ContainerFormat;

/**
 * Counts, before anything is written, the bytes each record takes on a volume, so that a set's
 * volumes are filled by whole records and each fits its medium: the record's files as the
 * container stores them (tar headers and padding, zip headers and central records, or a
 * folder's files in 4 KiB blocks), their lines in the payload manifest and the sync header,
 * and, once per volume, the tag files, the signature, the container's own ends and an
 * envelope's segments. On a disc image the files are counted in its 2 KiB sectors, with their
 * records in the image's two directory trees (ISO 9660 with Rock Ridge, and Joliet) and the
 * image's own areas. The counts are upper bounds: a volume written always takes less.
 */
final class VolumeBudget {
  /** The block a folder's files are counted in: that of the usual file systems on a disk. */
  static final int BLOCK = 4096;
  /**
   * The tag files' contents but the manifest's and the header's lines and the signer's
   * certificate: the declaration, the bag-info, the tag manifest, the signature's own bytes
   * (an RSA-3072 signature the largest), and the header's summary.
   */
  private static final long TAG_BYTES = 5 * 1024;
  /** The tag files a bag has, {@code sync/succession.pem} included. */
  private static final int TAG_FILES = 7;
  /** A key announcement in {@code sync/succession.pem}, at most. */
  private static final long PER_ANNOUNCEMENT = 8 * 1024;
  /** A tar entry's header block and its pax header's, before the pax records. */
  private static final int TAR_HEADERS = 1024;
  /** The tar's end: two zero blocks, and its records written in blocks of 20. */
  private static final int TAR_END = 1024 + 10240;

  /** A disc image's sector. */
  static final int SECTOR = 2048;
  /**
   * A disc image's own areas: the 64 KiB before its session, the volume descriptors, the root
   * folders of both trees, the MD5 tags, and the image rounded up to 64 KiB.
   */
  private static final long IMAGE_AREAS = 160 * 1024;
  /**
   * A file's records in both trees of a disc image, but its name's: the ISO 9660 record with
   * its Rock Ridge fields, the Joliet record, its MD5 in the checksum array, and the slack a
   * record that does not fit a sector's end leaves there.
   */
  private static final int IMAGE_RECORDS = 320;

  /**
   * The recovery data's own packets but those of each file: its index file, the main packet
   * and the creator's in each recovery file, and the container's files.
   */
  private static final long RECOVERY_AREAS = 64 * 1024;
  /** A file's description packet in the recovery data, but its name's. */
  private static final int RECOVERY_PER_FILE = 200;

  private final long size;
  private final ContainerFormat format;
  private final boolean isSealed;
  private final boolean isImage;
  private final int recovery;
  private final long recoveryBlock;
  /**
   * How many times the recovery data repeats each file's packets: par2 puts them in its index
   * and in the recovery file, there again for about every doubling of the recovery blocks.
   */
  private final int recoveryCopies;
  private final int bagNameLength;
  private final long fixed;

  /**
   * Creates the budget of volumes of {@code size} bytes, written as {@code format} (sealed in an
   * envelope when {@code isSealed}), whose bags are named by at most {@code bagNameLength}
   * characters, signed by a key whose certificate takes {@code certificate} bytes and that has
   * {@code announcements} key announcements.
   */
  VolumeBudget(long size, ContainerFormat format, boolean isSealed, int bagNameLength,
      int certificate, int announcements) {
    this(size, format, isSealed, false, 0, bagNameLength, certificate, announcements);
  }

  /**
   * Creates the budget of volumes written as disc images when {@code isImage}, with recovery
   * data of {@code recovery} per cent of their files.
   */
  VolumeBudget(long size, ContainerFormat format, boolean isSealed, boolean isImage,
      int recovery, int bagNameLength, int certificate, int announcements) {
    this.size = size;
    this.format = format;
    this.isSealed = isSealed;
    this.isImage = isImage;
    this.recovery = recovery;
    // The most a file's last block can waste: the block size of a volume as full as can be.
    this.recoveryBlock = org.gapsync.platform.media.Par2.blockSize(size, 16_384, recovery);
    long recoveryBlocks = Math.max(2, Math.min(1024, size / 4096 * recovery / 100));
    this.recoveryCopies = 3 + 64 - Long.numberOfLeadingZeros(recoveryBlocks);
    this.bagNameLength = bagNameLength;
    long tags = TAG_BYTES + certificate + announcements * PER_ANNOUNCEMENT;
    // What the volume says of itself beside its bag: its description, and its list's header.
    long labels = 4096 + (isImage ? 2 * (IMAGE_RECORDS + SECTOR) : 2 * BLOCK);
    this.fixed = labels + switch (format) {
      case TAR -> tags + TAG_FILES * (TAR_HEADERS + 512 + 512) + TAR_END;
      // Each tag file's local header and central record, the end records with ZIP64's.
      case ZIP -> tags + TAG_FILES * (30 + 46 + 2 * (bagNameLength + 40) + 2 * 28) + 22 + 76;
      // Each tag file in whole blocks, the manifest and the header a block more for their
      // last, and the bag's three folders.
      case DIRECTORY -> tags + (TAG_FILES + 2 + 3) * BLOCK;
    } + (isImage ? IMAGE_AREAS + (format == ContainerFormat.DIRECTORY ? 0 : SECTOR
        + IMAGE_RECORDS + 3L * (bagNameLength + 8)) : 0);
  }

  /** The most volumes a set with a parity volume may have: their lines fill its index. */
  static final int PARITY_SET = 400;

  /**
   * Returns what a set's parity volume takes beyond the parity itself (as long as the longest
   * volume's file): its index of at most {@link #PARITY_SET} lines, its description, and on a
   * disc image the image's own areas and its files' records; every data volume leaves it free.
   */
  static long parityReserve(boolean isImage, int nameLength) {
    long index = 200 + PARITY_SET * (64 + 2 * 20 + 8 + nameLength + 8);
    long files = roundUp(index, BLOCK) + 2 * BLOCK + 4 * BLOCK;
    return isImage ? IMAGE_AREAS + files + 3 * (IMAGE_RECORDS + SECTOR + 3L * nameLength)
        : files;
  }

  /** Returns the bytes of a volume, everything counted. */
  long size() {
    return size;
  }

  /** Returns the bytes a volume has for its records. */
  long capacity() {
    // An envelope adds its head, a few bytes to each 64 KiB segment, and the cipher's padding.
    long room = size - fixed - (isSealed ? 4096 : 0);
    room = isSealed ? room - room / 65536 * 8 - 32 : room;
    // Recovery data takes its share of what it covers, with its own packets.
    // Each block's checksum, 20 bytes, in every copy of its file's packets.
    long checksums = (long) recoveryCopies * 20 * Math.min(32_768, size / 4096 + 1);
    return recovery == 0 ? room : (room - RECOVERY_AREAS - checksums) * 100 / (100 + recovery);
  }

  /** Returns the bytes {@code item} takes on a volume, at most. */
  long cost(BuildPlan.Item item) {
    // Its title on its first row in the volume's list, quoted.
    long cost0 = 2 * utf8(VolumeDescription.title(item)) + 140;
    // Its folder in the bag: the archival id, made a safe name of at most 101 characters
    // and, should it repeat, given a suffix.
    long folder = Math.min(item.row().archivalId().length(), 100) + 1 + 8;
    // Its record element in the header.
    long cost = cost0 + 140 + xml(item.row().archivalId()) + folder;
    if (format == ContainerFormat.DIRECTORY) {
      // The record's folder and every folder inside it: a block each (on an image, a sector
      // in each of its two trees), and on an image their records in their parents.
      java.util.Set<String> folders = new java.util.HashSet<>();
      folders.add("");
      for (BuildPlan.Wanted w : item.carried()) {
        String p = w.state().path().value();
        for (int slash = p.indexOf('/'); slash > 0; slash = p.indexOf('/', slash + 1)) {
          folders.add(p.substring(0, slash));
        }
      }
      for (String f : folders) {
        // On an image also its entries in the four path tables.
        long name = f.isEmpty() ? folder : utf8(f.substring(f.lastIndexOf('/') + 1));
        cost += isImage ? 2 * SECTOR + IMAGE_RECORDS + 3 * name + 4 * (10 + name) : BLOCK;
      }
    }
    for (BuildPlan.Wanted w : item.carried()) {
      String path = w.state().path().value();
      long inBag = "data/".length() + folder + 1 + utf8(path);
      long entry = bagNameLength + 1 + inBag;
      cost += stored(w.carriedSize(), entry, utf8(path.substring(path.lastIndexOf('/') + 1)),
          isAscii(path));
      if (w.slice().isPresent()) {
        // Its part element in the header, and its row's part in the volume's list.
        cost += 220;
      }
      // Its line in the payload manifest, and its file element in the header.
      cost += 64 + 2 + inBag + manifestEscapes(path) + 1;
      cost += 150 + xml(w.state().path().value());
      // Its row in the volume's list: id, change, version, path, size, digest, quoted.
      cost += 120 + 2 * (utf8(item.row().archivalId()) + utf8(path));
      if (recovery > 0 && format == ContainerFormat.DIRECTORY) {
        // Each file on the disc is one of the recovery data's files, its last block whole.
        cost += (long) recoveryCopies * (RECOVERY_PER_FILE + entry)
            + recoveryBlock * recovery / 100;
      }
    }
    for (org.gapsync.format.PackagePath p : item.removed()) {
      cost += 40 + xml(p.value());
    }
    return cost;
  }

  /**
   * Returns the bytes the container takes for a file of {@code size} bytes, its entry's name
   * {@code nameLength} bytes long and its own name (in its folder) {@code baseLength}.
   */
  private long stored(long size, long nameLength, long baseLength, boolean isAscii) {
    return switch (format) {
      case TAR -> {
        // The pax header holds the time, and the name when the header block cannot.
        long pax = 40 + (nameLength > 100 || !isAscii ? nameLength + 16 : 0)
            + (size > 077777777777L ? 32 : 0);
        yield TAR_HEADERS + roundUp(pax, 512) + roundUp(size, 512);
      }
      case ZIP -> 30 + 46 + 2 * nameLength + 2 * 28 + size;
      case DIRECTORY -> isImage ? roundUp(size, SECTOR) + IMAGE_RECORDS + 3 * baseLength
          : roundUp(size, BLOCK);
    };
  }

  private static long roundUp(long n, long unit) {
    return (n + unit - 1) / unit * unit;
  }

  /** Returns the UTF-8 length of {@code s} in an XML attribute, each escape counted. */
  private static long xml(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      n += switch (s.charAt(i)) {
        case '&' -> 5;
        case '<', '>' -> 4;
        case '"' -> 6;
        case '\t', '\n', '\r' -> 6;
        default -> 0;
      };
    }
    return n + utf8(s);
  }

  /** Returns the bytes that escaping {@code %}, LF and CR adds to a manifest's path. */
  private static long manifestEscapes(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' || c == '\n' || c == '\r') {
        n += 2;
      }
    }
    return n;
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c < 0x80);
  }
}
