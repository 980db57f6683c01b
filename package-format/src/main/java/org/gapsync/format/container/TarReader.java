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

/**
 * Reads a package serialized as a tar file, by random access to its entries. The entries are
 * indexed in one pass over the headers (the content between them is skipped, not read), keeping
 * for each only its name, kind, size and where its content starts: Commons Compress's
 * {@code TarFile} would keep every header it parsed, several hundred bytes per file, for as long
 * as the package is open.
 */
final class TarReader implements ContainerReader {
  private final FileChannel channel;
  private final List<ContainerEntry> entries;
  private final Map<ContainerEntry, Long> offsets;

  private TarReader(FileChannel channel, List<ContainerEntry> entries,
      Map<ContainerEntry, Long> offsets) {
    this.channel = channel;
    this.entries = List.copyOf(entries);
    this.offsets = offsets;
  }

  static TarReader open(Path path) throws IOException {
    List<String> names = new ArrayList<>();
    List<EntryKind> kinds = new ArrayList<>();
    List<long[]> extents = new ArrayList<>();
    // The stream reads the headers and skips the content between them; the bytes it has
    // consumed when it returns an entry are where that entry's content starts.
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(path))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(BaseDirectory.withoutDotSlash(e.getName()));
        kinds.add(kindOf(e));
        extents.add(new long[] {in.getBytesRead(), e.isFile() ? e.getSize() : 0});
      }
    }
    Optional<String> base = BaseDirectory.of(names);
    List<String> stripped = base.map(b -> BaseDirectory.strip(names, b)).orElse(names);
    List<ContainerEntry> entries = new ArrayList<>();
    Map<ContainerEntry, Long> offsets = new IdentityHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = trimSlash(stripped.get(i));
      if (name.isEmpty()) {
        continue;
      }
      long[] extent = extents.get(i);
      ContainerEntry entry = new ContainerEntry(name, kinds.get(i), extent[1], extent[1]);
      entries.add(entry);
      offsets.put(entry, extent[0]);
    }
    return new TarReader(FileChannel.open(path, StandardOpenOption.READ), entries, offsets);
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
