package org.gapsync.format.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.utils.BoundedSeekableByteChannelInputStream;
import org.gapsync.format.PackageFormatException;

/**
 * Reads a package serialized as a tar file, by random access to its entries. The entries are
 * indexed in one pass over the headers (the content between them is skipped, not read), keeping
 * for each only its name, kind, size and where its content starts: Commons Compress's
 * {@code TarFile} would keep every header it parsed, several hundred bytes per file, for as long
 * as the package is open.
 */
final class TarReader implements ContainerReader {
  /**
   * The pax keys Commons Compress leaves as extras that a package may hold: times and owners
   * that common tar tools add and that say nothing a manifest must check.
   */
  private static final java.util.Set<String> KNOWN_PAX_KEYS = java.util.Set.of("atime",
      "ctime", "mtime", "uname", "gname", "uid", "gid", "LIBARCHIVE.creationtime",
      "SCHILY.dev", "SCHILY.ino", "SCHILY.nlink");

  private final FileChannel channel;
  private final List<ContainerEntry> entries;
  private final Map<ContainerEntry, Long> offsets;

  private TarReader(FileChannel channel, List<ContainerEntry> entries,
      Map<ContainerEntry, Long> offsets) {
    this.channel = channel;
    this.entries = List.copyOf(entries);
    this.offsets = offsets;
  }

  /** One entry as its header gives it: name, kind, where its content starts, and its size. */
  private record Header(String name, EntryKind kind, long offset, long size) {}

  static TarReader open(Path path) throws IOException {
    List<Header> headers = new ArrayList<>();
    // The stream reads the headers and skips the content between them; the bytes it has
    // consumed when it returns an entry are where that entry's content starts.
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(path))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        check(path, e);
        headers.add(new Header(BaseDirectory.withoutDotSlash(e.getName()), kindOf(e),
            in.getBytesRead(), e.isFile() ? e.getSize() : 0));
      }
    }
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      checkPadding(path, channel, headers);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    List<String> names = headers.stream().map(Header::name).toList();
    Optional<String> base = BaseDirectory.of(names);
    List<String> stripped = base.map(b -> BaseDirectory.strip(names, b)).orElse(names);
    List<ContainerEntry> entries = new ArrayList<>();
    Map<ContainerEntry, Long> offsets = new IdentityHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      String name = trimSlash(stripped.get(i));
      if (name.isEmpty()) {
        continue;
      }
      Header h = headers.get(i);
      ContainerEntry entry = new ContainerEntry(name, h.kind(), h.size(), h.size());
      entries.add(entry);
      offsets.put(entry, h.offset());
    }
    return new TarReader(channel, entries, offsets);
  }

  /**
   * Checks that the bytes after each file's content up to the next block, and everything after
   * the last entry (the end-of-archive blocks and the record's padding), are zeros, as every tar
   * writer leaves them: no byte of a package goes unchecked.
   */
  private static void checkPadding(Path path, FileChannel channel, List<Header> headers)
      throws IOException {
    long end = 0;
    for (Header h : headers) {
      long contentEnd = h.offset() + h.size();
      zeros(path, channel, contentEnd, blockEnd(contentEnd), "after the content of " + h.name());
      end = Math.max(end, blockEnd(contentEnd));
    }
    zeros(path, channel, end, channel.size(), "after the last entry");
  }

  private static long blockEnd(long at) {
    return (at + TarConstants.DEFAULT_RCDSIZE - 1) / TarConstants.DEFAULT_RCDSIZE
        * TarConstants.DEFAULT_RCDSIZE;
  }

  private static void zeros(Path path, FileChannel channel, long from, long to, String where)
      throws IOException {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(1 << 16,
        Math.max(0, to - from)));
    for (long at = from; at < Math.min(to, channel.size()); ) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), to - at));
      int n = channel.read(buffer, at);
      if (n <= 0) {
        return;
      }
      for (int i = 0; i < n; i++) {
        if (buffer.get(i) != 0) {
          throw new PackageFormatException(path + ": byte " + (at + i) + " " + where
              + " is not zero as tar padding is (a damaged byte)");
        }
      }
      at += n;
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

  @Override
  public List<ContainerEntry> entries() {
    return entries;
  }

  @Override
  public InputStream open(ContainerEntry entry) throws IOException {
    Long offset = offsets.get(entry);
    if (offset == null || entry.kind() != EntryKind.FILE) {
      throw new IllegalArgumentException("not a file of this tar: " + entry.name());
    }
    if (offset + entry.size() > channel.size()) {
      throw new java.io.EOFException(entry.name() + ": the tar ends before its content does "
          + "(truncated)");
    }
    return new SizeCheckedInputStream(entry.name(), new BoundedSeekableByteChannelInputStream(
        offset, entry.size(), channel), entry.size());
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
