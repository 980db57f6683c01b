package org.gapsync.format.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.gapsync.format.PackageFormatException;

/**
 * Reads a package serialized as a zip file through its central directory, which Commons
 * Compress holds in memory: a package of millions of files is better written as a tar or a
 * folder.
 */
final class ZipReader implements ContainerReader {
  /** The file type bits of a Unix mode, and the types of a file and a folder. */
  static final int S_IFMT = 0170000;
  static final int S_IFREG = 0100000;
  static final int S_IFDIR = 0040000;

  private final ZipFile zip;
  private final List<ContainerEntry> entries;
  private final List<ZipArchiveEntry> sources;
  private final Map<String, ContainerEntry> byName = new HashMap<>();

  private ZipReader(ZipFile zip, List<ContainerEntry> entries, List<ZipArchiveEntry> sources) {
    this.zip = zip;
    this.entries = List.copyOf(entries);
    this.sources = List.copyOf(sources);
    entries.forEach(e -> byName.putIfAbsent(e.name(), e));
  }

  static ZipReader open(Path path) throws IOException {
    ZipFile zip = ZipFile.builder().setPath(path).get();
    try {
      List<ZipArchiveEntry> raw = Collections.list(zip.getEntries());
      ZipLayout.check(path, raw);
      List<String> names = new ArrayList<>();
      raw.forEach(e -> names.add(BaseDirectory.withoutDotSlash(e.getName())));
      Optional<String> base = BaseDirectory.of(names);
      List<String> stripped = base.map(b -> BaseDirectory.strip(names, b)).orElse(names);
      List<ContainerEntry> entries = new ArrayList<>();
      List<ZipArchiveEntry> sources = new ArrayList<>();
      for (int i = 0; i < raw.size(); i++) {
        String name = stripped.get(i);
        name = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (name.isEmpty()) {
          continue;
        }
        ZipArchiveEntry e = raw.get(i);
        EntryKind kind = kindOf(e);
        long size = kind == EntryKind.FILE ? Math.max(0, e.getSize()) : 0;
        long stored = kind == EntryKind.FILE ? Math.max(0, e.getCompressedSize()) : 0;
        entries.add(new ContainerEntry(name, kind, size, stored, sources.size()));
        sources.add(e);
      }
      return new ZipReader(zip, entries, sources);
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  private static EntryKind kindOf(ZipArchiveEntry e) {
    if (e.isUnixSymlink()) {
      return EntryKind.SYMBOLIC_LINK;
    }
    int type = e.getUnixMode() & S_IFMT;
    if (e.isDirectory() || type == S_IFDIR) {
      return EntryKind.DIRECTORY;
    }
    return type == 0 || type == S_IFREG ? EntryKind.FILE : EntryKind.SPECIAL;
  }

  @Override
  public void entries(Visitor visitor) throws IOException {
    for (ContainerEntry e : entries) {
      visitor.visit(e);
    }
  }

  @Override
  public Optional<ContainerEntry> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  @Override
  public InputStream open(ContainerEntry entry) throws IOException {
    int at = (int) entry.position();
    if (at < 0 || at >= entries.size() || !entries.get(at).equals(entry)
        || entry.kind() != EntryKind.FILE) {
      throw new IllegalArgumentException("not a file of this zip: " + entry.name());
    }
    InputStream in = zip.getInputStream(sources.get(at));
    if (in == null) {
      throw new IOException(entry.name() + ": unsupported zip compression method");
    }
    return new SizeCheckedInputStream(entry.name(), in, entry.size());
  }

  @Override
  public boolean isConcurrent() {
    return true;
  }

  @Override
  public ContainerFormat format() {
    return ContainerFormat.ZIP;
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
