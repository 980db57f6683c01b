package org.gapsync.format.container;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.gapsync.format.PackageFormatException;

/**
 * Checks the bytes of a zip that no digest covers (APPNOTE 6.3): each local header repeats its
 * central directory record field for field, the entries lie back to back from the first byte
 * with nothing between them, the central directory follows the last, and the end records count
 * what is there and end the file. The central directory's own fields that have no copy hold the
 * only values a package's zip may hold. So a flipped byte anywhere in a zip is noticed, as in a
 * tar: in data by the manifests, elsewhere here.
 */
final class ZipLayout {
  private static final int LOCAL = 30;
  private static final int CENTRAL = 46;
  private static final int END = 22;
  private static final int ZIP64_LOCATOR = 20;
  private static final int ZIP64_END = 56;
  private static final int LOCAL_SIGNATURE = 0x04034b50;
  private static final int CENTRAL_SIGNATURE = 0x02014b50;
  private static final int END_SIGNATURE = 0x06054b50;
  private static final int ZIP64_END_SIGNATURE = 0x06064b50;
  private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
  private static final int ZIP64_EXTRA = 0x0001;
  private static final int DATA_DESCRIPTOR_FLAG = 1 << 3;
  private static final long MAGIC = 0xffffffffL;
  private static final int MAGIC_SHORT = 0xffff;
  /** Unix as the system that made an entry, beside MS-DOS (APPNOTE 4.4.2). */
  private static final int UNIX = 3;
  private static final int MSDOS = 0;
  private static final int DIRECTORY_ATTRIBUTE = 0x10;
  /** The versions of the specification a package's writer says it made a zip by: 2.0, 4.5. */
  private static final java.util.Set<Integer> MADE_BY = java.util.Set.of(20, 45);
  /** The version a ZIP64 end record is made by and needs (4.5, APPNOTE 4.4.3). */
  private static final short ZIP64_VERSION = 45;

  private final Path path;
  private final FileChannel channel;

  private ZipLayout(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * Checks the zip at {@code path}, whose central directory Commons Compress read as
   * {@code entries}, in that order.
   *
   * @throws PackageFormatException at the first byte out of place, naming what it belongs to
   */
  static void check(Path path, List<ZipArchiveEntry> entries) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      new ZipLayout(path, channel).check(entries);
    }
  }

  private void check(List<ZipArchiveEntry> entries) throws IOException {
    End end = end();
    if (end.count() != entries.size()) {
      throw damaged("the zip's end record counts " + end.count() + " entries, but its central "
          + "directory holds " + entries.size());
    }
    long next = 0;
    try (InputStream directory = new BufferedInputStream(Channels.newInputStream(
        channel.position(end.directoryOffset())), 1 << 16)) {
      long read = 0;
      for (ZipArchiveEntry e : entries) {
        ByteBuffer central = bytes(directory, CENTRAL);
        byte[] name = directory.readNBytes(central.getShort(28) & 0xffff);
        byte[] extra = directory.readNBytes(central.getShort(30) & 0xffff);
        read += CENTRAL + name.length + extra.length;
        checkCentral(e, central, name);
        if (e.getLocalHeaderOffset() != next) {
          throw damaged(e, "it begins at byte " + e.getLocalHeaderOffset() + ", but the entry "
              + "before it ends at byte " + next);
        }
        next = checkLocal(e, central, name, extra);
      }
      if (read != end.directorySize()) {
        throw damaged("the zip's end record says its central directory is " + end.directorySize()
            + " bytes long, but its entries take " + read);
      }
    }
    if (next != end.directoryOffset()) {
      throw damaged("the zip's central directory begins at byte " + end.directoryOffset()
          + ", but its last entry ends at byte " + next);
    }
  }

  /** Checks the fields of a central record that have no copy in its local header. */
  private void checkCentral(ZipArchiveEntry e, ByteBuffer central, byte[] name)
      throws PackageFormatException {
    int madeBy = central.getShort(4) & 0xffff;
    int system = madeBy >> 8;
    long attributes = central.getInt(38) & MAGIC;
    boolean isDirectory = name.length > 0 && name[name.length - 1] == '/';
    long dos = isDirectory ? DIRECTORY_ATTRIBUTE : 0;
    if (central.getInt(0) != CENTRAL_SIGNATURE
        || system != UNIX && system != MSDOS || !MADE_BY.contains(madeBy & 0xff)
        || central.getShort(32) != 0 || central.getShort(34) != 0 || central.getShort(36) != 0
        || (attributes & 0xffff) != dos
        || system == MSDOS && attributes >> 16 != 0
        || system == UNIX && !isUnixMode(attributes >>> 16, isDirectory)) {
      throw damaged(e, "its central directory record holds a value no package holds (version "
          + "made by " + Integer.toHexString(madeBy) + ", attributes " + Long.toHexString(
              attributes) + ", comment, disk or internal attributes not zero)");
    }
  }

  /**
   * Returns whether {@code mode} is one a package's entry may carry: a regular file 0644 or a
   * directory 0755, or a link or device, which the reader refuses by its kind with a reason.
   */
  private static boolean isUnixMode(long mode, boolean isDirectory) {
    long type = mode & ZipReader.S_IFMT;
    if (type == ZipReader.S_IFREG) {
      return !isDirectory && (mode & 07777) == 0644;
    }
    if (type == ZipReader.S_IFDIR) {
      return isDirectory && (mode & 07777) == 0755;
    }
    return type != 0;
  }

  /**
   * Checks that the local header at the entry's offset repeats its central record, and returns
   * where the entry's data ends.
   */
  private long checkLocal(ZipArchiveEntry e, ByteBuffer central, byte[] name, byte[] extra)
      throws IOException {
    long at = e.getLocalHeaderOffset();
    ByteBuffer local = ByteBuffer.allocate(LOCAL).order(ByteOrder.LITTLE_ENDIAN);
    boolean isWhole = PositionalReads.fill(channel, local, at);
    byte[] localName = new byte[isWhole ? local.getShort(26) & 0xffff : 0];
    byte[] localExtra = new byte[isWhole ? local.getShort(28) & 0xffff : 0];
    if (!isWhole || local.getInt(0) != LOCAL_SIGNATURE
        || !PositionalReads.fill(channel, ByteBuffer.wrap(localName), at + LOCAL)
        || !PositionalReads.fill(channel, ByteBuffer.wrap(localExtra),
            at + LOCAL + localName.length)) {
      throw damaged(e, "no local header at byte " + at + " (a damaged byte, or a zip cut short)");
    }
    if (!Arrays.equals(localName, name)) {
      throw damaged(e, "its local header does not name it as the central directory does (a "
          + "damaged byte, or a zip that shows different tools different files)");
    }
    if (!Arrays.equals(local.array(), 4, 26, central.array(), 6, 28)
        || (local.getShort(6) & DATA_DESCRIPTOR_FLAG) != 0
        || !isSameExtra(e, localExtra, extra)) {
      throw damaged(e, "its local header differs from its central directory record in its "
          + "version, flags, method, time, checksum, sizes or extra fields (a damaged byte)");
    }
    return at + LOCAL + localName.length + localExtra.length + e.getCompressedSize();
  }

  /**
   * Returns whether a local header's extra fields are its central record's: the same bytes, but
   * for the ZIP64 field, which either may hold without the other (a writer that does not know a
   * size in advance keeps room for it locally; the central one may hold the offset alone). The
   * local one holds the entry's sizes, which must be those the central directory gives.
   */
  private static boolean isSameExtra(ZipArchiveEntry e, byte[] local, byte[] central) {
    byte[] zip64 = field(local, ZIP64_EXTRA);
    if (zip64 != null) {
      ByteBuffer sizes = ByteBuffer.wrap(zip64).order(ByteOrder.LITTLE_ENDIAN);
      if (zip64.length != 16 || sizes.getLong(0) != e.getSize()
          || sizes.getLong(8) != e.getCompressedSize()) {
        return false;
      }
    }
    return Arrays.equals(without(local, ZIP64_EXTRA), without(central, ZIP64_EXTRA));
  }

  /** Returns the data of extra field {@code id}, or null if there is none. */
  private static byte[] field(byte[] extra, int id) {
    ByteBuffer b = ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN);
    while (b.remaining() >= 4) {
      int header = b.getShort() & 0xffff;
      int length = b.getShort() & 0xffff;
      if (length > b.remaining()) {
        return null;
      }
      byte[] data = new byte[length];
      b.get(data);
      if (header == id) {
        return data;
      }
    }
    return null;
  }

  /** Returns the extra fields but {@code id}, as bytes. */
  private static byte[] without(byte[] extra, int id) {
    ByteBuffer b = ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = ByteBuffer.allocate(extra.length);
    while (b.remaining() >= 4) {
      int start = b.position();
      int header = b.getShort() & 0xffff;
      int length = Math.min(b.getShort() & 0xffff, b.remaining());
      b.position(b.position() + length);
      if (header != id) {
        out.put(extra, start, b.position() - start);
      }
    }
    out.put(extra, b.position(), b.remaining());
    return Arrays.copyOf(out.array(), out.position());
  }

  /** Where the central directory lies and how many entries it holds, from the end records. */
  private record End(long count, long directoryOffset, long directorySize) {}

  /**
   * Reads the end of central directory record, which must end the file with no comment, and the
   * ZIP64 end records before it when it has a locator (as Commons Compress decides).
   */
  private End end() throws IOException {
    long size = channel.size();
    ByteBuffer end = ByteBuffer.allocate(END).order(ByteOrder.LITTLE_ENDIAN);
    if (size < END || !PositionalReads.fill(channel, end, size - END)
        || end.getInt(0) != END_SIGNATURE || end.getShort(20) != 0) {
      throw damaged("the zip does not end with its end of central directory record (bytes after "
          + "it, a comment, or a damaged byte)");
    }
    long count = end.getShort(10) & 0xffff;
    long directorySize = end.getInt(12) & MAGIC;
    long directoryOffset = end.getInt(16) & MAGIC;
    boolean isOneDisk = end.getShort(4) == 0 && end.getShort(6) == 0
        && end.getShort(8) == end.getShort(10);
    ByteBuffer locator = ByteBuffer.allocate(ZIP64_LOCATOR).order(ByteOrder.LITTLE_ENDIAN);
    if (size < END + ZIP64_LOCATOR
        || !PositionalReads.fill(channel, locator, size - END - ZIP64_LOCATOR)
        || locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
      if (!isOneDisk) {
        throw damaged("the zip's end record names other disks");
      }
      return new End(count, directoryOffset, directorySize);
    }
    long at = locator.getLong(8);
    ByteBuffer end64 = ByteBuffer.allocate(ZIP64_END).order(ByteOrder.LITTLE_ENDIAN);
    if (locator.getInt(4) != 0 || locator.getInt(16) != 1
        || at != size - END - ZIP64_LOCATOR - ZIP64_END
        || !PositionalReads.fill(channel, end64, at)
        || end64.getInt(0) != ZIP64_END_SIGNATURE || end64.getLong(4) != ZIP64_END - 12
        || end64.getShort(12) != ZIP64_VERSION || end64.getShort(14) != ZIP64_VERSION
        || end64.getInt(16) != 0 || end64.getInt(20) != 0
        || end64.getLong(24) != end64.getLong(32) || !isOneDisk
        || count != Math.min(end64.getLong(32), MAGIC_SHORT)
        || directorySize != Math.min(end64.getLong(40), MAGIC)
        || directoryOffset != Math.min(end64.getLong(48), MAGIC)) {
      throw damaged("the zip's ZIP64 end records do not agree with each other or with its end "
          + "record");
    }
    return new End(end64.getLong(32), end64.getLong(48), end64.getLong(40));
  }

  private static ByteBuffer bytes(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    return ByteBuffer.wrap(Arrays.copyOf(b, n)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private PackageFormatException damaged(ZipArchiveEntry e, String what) {
    return damaged("zip entry " + e.getName() + ": " + what);
  }

  private PackageFormatException damaged(String what) {
    return new PackageFormatException(path + ": " + what);
  }
}
