package org.gapsync.format.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarFile;

/** Reads a package serialized as a tar file, by random access to its entries. */
final class TarReader implements ContainerReader {
  private final TarFile tar;
  private final List<ContainerEntry> entries;
  private final Map<ContainerEntry, TarArchiveEntry> sources;

  private TarReader(TarFile tar, List<ContainerEntry> entries,
      Map<ContainerEntry, TarArchiveEntry> sources) {
    this.tar = tar;
    this.entries = List.copyOf(entries);
    this.sources = sources;
  }

  static TarReader open(Path path) throws IOException {
    TarFile tar = new TarFile(path);
    try {
      List<TarArchiveEntry> raw = tar.getEntries();
      List<String> names = new ArrayList<>();
      for (TarArchiveEntry e : raw) {
        names.add(BaseDirectory.withoutDotSlash(e.getName()));
      }
      Optional<String> base = BaseDirectory.of(names);
      List<String> stripped = base.map(b -> BaseDirectory.strip(names, b)).orElse(names);
      List<ContainerEntry> entries = new ArrayList<>();
      Map<ContainerEntry, TarArchiveEntry> sources = new IdentityHashMap<>();
      for (int i = 0; i < raw.size(); i++) {
        String name = trimSlash(stripped.get(i));
        if (name.isEmpty()) {
          continue;
        }
        TarArchiveEntry e = raw.get(i);
        long size = e.isFile() ? e.getSize() : 0;
        ContainerEntry entry = new ContainerEntry(name, kindOf(e), size, size);
        entries.add(entry);
        sources.put(entry, e);
      }
      return new TarReader(tar, entries, sources);
    } catch (RuntimeException e) {
      tar.close();
      throw e;
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
    TarArchiveEntry source = sources.get(entry);
    if (source == null || entry.kind() != EntryKind.FILE) {
      throw new IllegalArgumentException("not a file of this tar: " + entry.name());
    }
    return new SizeCheckedInputStream(entry.name(), tar.getInputStream(source), entry.size());
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
    tar.close();
  }
}
