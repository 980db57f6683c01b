package org.gapsync.format.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.gapsync.format.Fingerprints;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackagePath;

/**
 * Reads a package serialized as a tar file, by random access to its entries. One pass over the
 * headers at opening checks them and their padding (the content between them is skipped, not
 * read) and keeps, per entry, 16 bytes: where its header starts, and a fingerprint of its name
 * beside its number, sorted. Finding a name looks up its fingerprint and reads the few headers
 * it points to again, comparing names exactly; listing reads the headers again in order.
 * Commons Compress's {@code TarFile} would keep every header it parsed, several hundred bytes
 * per file, for as long as the package is open.
 */
final class TarReader implements ContainerReader {
  /**
   * The pax keys Commons Compress leaves as extras that a package may hold: times and owners
   * that common tar tools add and that say nothing a manifest must check.
   */
  private static final java.util.Set<String> KNOWN_PAX_KEYS = java.util.Set.of("atime",
      "ctime", "mtime", "uname", "gname", "uid", "gid", "LIBARCHIVE.creationtime",
      "SCHILY.dev", "SCHILY.ino", "SCHILY.nlink");
  /** The low bits of a key number its entry; the high bits are its name's fingerprint. */
  private static final int NUMBER_BITS = 28;
  private static final long NUMBER_MASK = (1L << NUMBER_BITS) - 1;
  /** The bytes the reader's window reads at a time. */
  private static final int BLOCK = 1 << 16;

  private final Path path;
  private final FileChannel channel;
  private final String base;
  private final long[] starts;
  private final long[] keys;
  private final Fingerprints fingerprints = new Fingerprints();
  /** What finding an entry and reading its content read through, one at a time. */
  private final PositionalReads.Window window;

  private TarReader(Path path, FileChannel channel, PositionalReads.Window window, String base,
      long[] starts, long[] keys) {
    this.path = path;
    this.channel = channel;
    this.window = window;
    this.base = base;
    this.starts = starts;
    this.keys = keys;
  }

  static TarReader open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return index(path, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static TarReader index(Path path, FileChannel channel) throws IOException {
    Fingerprints fingerprints = new Fingerprints();
    long[] starts = new long[1024];
    long[] keys = new long[1024];
    int count = 0;
    String top = null;
    boolean isOneFolder = true;
    PositionalReads.Window window = new PositionalReads.Window(channel, BLOCK);
    Headers headers = new Headers(path, window);
    for (TarArchiveEntry e = headers.next(); e != null; e = headers.next()) {
      check(path, e);
      if (count > NUMBER_MASK) {
        throw new PackageFormatException(path + ": more than " + NUMBER_MASK + " entries; "
            + "write the package as a set of volumes");
      }
      long start = headers.start();
      long offset = headers.offset();
      terminated(path, window, start, e);
      if (offset - TarConstants.DEFAULT_RCDSIZE != start) {
        terminated(path, window, offset - TarConstants.DEFAULT_RCDSIZE, e);
      }
      zeros(path, window, headers.contentEnd(), headers.end(),
          "after the content of " + e.getName());
      String name = BaseDirectory.withoutDotSlash(e.getName());
      if (top == null) {
        int slash = name.indexOf('/');
        top = slash < 0 ? name : name.substring(0, slash);
      }
      isOneFolder &= !name.equals("bagit.txt")
          && (name.equals(top) || name.startsWith(top + "/"));
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        keys = Arrays.copyOf(keys, count * 2);
      }
      starts[count] = start;
      keys[count] = fingerprints.of(trimSlash(name)) & ~NUMBER_MASK | count;
      count++;
    }
    zeros(path, window, headers.end(), window.fileSize(), "after the last entry");
    keys = Arrays.copyOf(keys, count);
    Arrays.sort(keys);
    // Never strip a segment that is itself unsafe: that would hide "../" from the checks.
    String base = top != null && isOneFolder && PackagePath.isSafe(top) ? top + "/" : "";
    return new TarReader(path, channel, window, base, Arrays.copyOf(starts, count), keys);
  }

  /**
   * The entries of a tar in file order, each header parsed by Commons Compress where the entry
   * before it ends, through a window that reads the file a large block at a time. Read as one
   * stream, the tar would be read through every file's content to reach the next header (a
   * package of 200,000 small files took some 6 s to open, 512 bytes to a system call, and one of
   * four files of 256 MiB read the whole gigabyte); here the content is passed over.
   */
  private static final class Headers {
    private final Path path;
    private final PositionalReads.Window window;
    private long start;
    private long offset;
    private long contentEnd;
    private long end;

    Headers(Path path, PositionalReads.Window window) {
      this.path = path;
      this.window = window;
    }

    /**
     * Returns the next entry, or null where the entries end.
     *
     * @throws PackageFormatException if the file ends before the entry's content and padding
     */
    TarArchiveEntry next() throws IOException {
      start = end;
      long size = window.fileSize();
      TarArchiveInputStream in = new TarArchiveInputStream(window.from(start, size - start));
      TarArchiveEntry e = in.getNextEntry();
      if (e == null) {
        offset = contentEnd = start;
        return null;
      }
      offset = start + in.getBytesRead();
      // What Commons Compress passes over as the content: none for a folder, whatever its
      // header says.
      contentEnd = offset + (e.isDirectory() ? 0 : e.getSize());
      end = blockEnd(contentEnd);
      if (end > size) {
        throw new PackageFormatException(path + ": the tar ends at byte " + size + ", before "
            + "the content of " + e.getName() + " and its padding do at byte " + end
            + " (truncated)");
      }
      return e;
    }

    /** Returns where the entry's first header block starts (after the last: where they end). */
    long start() {
      return start;
    }

    /** Returns where the entry's content starts. */
    long offset() {
      return offset;
    }

    /** Returns where the entry's content ends. */
    long contentEnd() {
      return contentEnd;
    }

    /** Returns where the block holding the end of its content ends: the next header's start. */
    long end() {
      return end;
    }
  }

  /** Returns where the block holding byte {@code at - 1} ends: where the next header starts. */
  private static long blockEnd(long at) {
    return (at + TarConstants.DEFAULT_RCDSIZE - 1) / TarConstants.DEFAULT_RCDSIZE
        * TarConstants.DEFAULT_RCDSIZE;
  }

  /**
   * Checks that the bytes after each file's content up to the next block, and everything after
   * the last entry (the end-of-archive blocks and the record's padding), are zeros, as every tar
   * writer leaves them: no byte of a package goes unchecked.
   */
  private static void zeros(Path path, PositionalReads.Window window, long from, long to,
      String where) throws IOException {
    for (long at = from; at < to; ) {
      java.nio.ByteBuffer bytes = window.bytes(at, (int) Math.min(window.blockSize(), to - at));
      if (!bytes.hasRemaining()) {
        return;
      }
      for (int i = 0; i < bytes.remaining(); i++) {
        if (bytes.get(bytes.position() + i) != 0) {
          throw new PackageFormatException(path + ": byte " + (at + i) + " " + where
              + " is not zero as tar padding is (a damaged byte)");
        }
      }
      at += bytes.remaining();
    }
  }

  /**
   * The text fields of a ustar header (name, link name, user, group, prefix) and where each
   * lies, by offset and length (POSIX.1-2017 pax, ustar header block).
   */
  private static final int[][] TEXT_FIELDS = {{0, 100}, {157, 100}, {265, 32}, {297, 32},
      {345, 155}};

  /**
   * Refuses a header block whose text fields hold anything but zeros after the zero that ends
   * them, or whose last twelve bytes are not zeros: no reader shows those bytes, and a header
   * whose damage happened to keep its checksum must not pass for sound.
   */
  private static void terminated(Path path, PositionalReads.Window window, long at,
      TarArchiveEntry e) throws IOException {
    byte[] b = new byte[TarConstants.DEFAULT_RCDSIZE];
    // A header cut short is the tar reader's to refuse; what is there is checked.
    java.nio.ByteBuffer header = window.bytes(at, b.length);
    header.get(b, 0, header.remaining());
    for (int[] field : TEXT_FIELDS) {
      boolean isEnded = false;
      for (int i = field[0]; i < field[0] + field[1]; i++) {
        if (isEnded && b[i] != 0) {
          throw new PackageFormatException(path + ": tar header of " + e.getName() + " holds "
              + "a byte after the end of a name at byte " + (at + i) + " (a damaged byte)");
        }
        isEnded |= b[i] == 0;
      }
    }
    for (int i = 500; i < TarConstants.DEFAULT_RCDSIZE; i++) {
      if (b[i] != 0) {
        throw new PackageFormatException(path + ": tar header of " + e.getName() + " is not "
            + "zero at byte " + (at + i) + " after its fields (a damaged byte)");
      }
    }
  }

  /**
   * Refuses a header whose checksum fails or whose pax records name a key gapsync never writes:
   * the bytes no manifest covers must not change unnoticed either.
   */
  private static void check(Path path, TarArchiveEntry e) throws PackageFormatException {
    if (!e.isCheckSumOK()) {
      throw new PackageFormatException(path + ": tar header of " + e.getName() + " fails its "
          + "checksum (a damaged byte)");
    }
    for (String key : e.getExtraPaxHeaders().keySet()) {
      if (!KNOWN_PAX_KEYS.contains(key)) {
        throw new PackageFormatException(path + ": tar entry " + e.getName() + " has a pax "
            + "record '" + key + "' that a package does not hold (a damaged byte, or a tar "
            + "made by another tool: write the package again with gapsync)");
      }
    }
  }

  private static String trimSlash(String name) {
    return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
  }

  private static EntryKind kindOf(TarArchiveEntry e) {
    if (e.isSymbolicLink()) {
      return EntryKind.SYMBOLIC_LINK;
    }
    if (e.isLink()) {
      return EntryKind.HARD_LINK;
    }
    if (e.isDirectory()) {
      return EntryKind.DIRECTORY;
    }
    // Only plain files are files: devices, fifos, sparse and contiguous files are not.
    byte flag = e.getLinkFlag();
    boolean isPlain = flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM;
    return isPlain && !e.isSparse() ? EntryKind.FILE : EntryKind.SPECIAL;
  }

  /** Returns the name an entry has in the bag, or "" for the base folder itself. */
  private String nameInBag(TarArchiveEntry e) {
    String name = BaseDirectory.withoutDotSlash(e.getName());
    if (!base.isEmpty()) {
      name = name.startsWith(base) ? name.substring(base.length()) : "";
    }
    return trimSlash(name);
  }

  private ContainerEntry entry(String name, TarArchiveEntry e, long offset) {
    long size = e.isFile() ? e.getSize() : 0;
    return new ContainerEntry(name, kindOf(e), size, size, offset);
  }

  @Override
  public void entries(Visitor visitor) throws IOException {
    Headers headers = new Headers(path, window);
    for (TarArchiveEntry e = headers.next(); e != null; e = headers.next()) {
      String name = nameInBag(e);
      if (!name.isEmpty()) {
        visitor.visit(entry(name, e, headers.offset()));
      }
    }
  }

  @Override
  public Optional<ContainerEntry> find(String name) throws IOException {
    if (name.isEmpty()) {
      return Optional.empty();
    }
    long wanted = fingerprints.of(base + name) & ~NUMBER_MASK;
    int at = Arrays.binarySearch(keys, wanted);
    for (int i = at < 0 ? -at - 1 : at; i < keys.length && (keys[i] & ~NUMBER_MASK) == wanted;
        i++) {
      long start = starts[(int) (keys[i] & NUMBER_MASK)];
      TarArchiveInputStream in = new TarArchiveInputStream(
          window.from(start, window.fileSize() - start));
      TarArchiveEntry e = in.getNextEntry();
      if (e != null && name.equals(nameInBag(e))) {
        return Optional.of(entry(name, e, start + in.getBytesRead()));
      }
    }
    return Optional.empty();
  }

  @Override
  public InputStream open(ContainerEntry entry) throws IOException {
    long offset = entry.position();
    if (entry.kind() != EntryKind.FILE) {
      throw new IllegalArgumentException("not a file of this tar: " + entry.name());
    }
    if (offset + entry.size() > window.fileSize()) {
      throw new java.io.EOFException(entry.name() + ": the tar ends before its content does "
          + "(truncated)");
    }
    return new SizeCheckedInputStream(entry.name(), window.from(offset, entry.size()),
        entry.size());
  }

  @Override
  public boolean isConcurrent() {
    return false;
  }

  @Override
  public ContainerFormat format() {
    return ContainerFormat.TAR;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
