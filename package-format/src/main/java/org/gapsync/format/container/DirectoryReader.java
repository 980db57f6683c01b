package org.gapsync.format.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads a package laid out as a folder, without following links. */
final class DirectoryReader implements ContainerReader {
  private final Path root;
  private final List<ContainerEntry> entries;

  private DirectoryReader(Path root, List<ContainerEntry> entries) {
    this.root = root;
    this.entries = List.copyOf(entries);
  }

  static DirectoryReader open(Path root) throws IOException {
    List<ContainerEntry> entries = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(root)) {
          entries.add(new ContainerEntry(name(dir), EntryKind.DIRECTORY, 0, 0));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        long size = attrs.isRegularFile() ? attrs.size() : 0;
        entries.add(new ContainerEntry(name(file), kindOf(attrs), size, size));
        return FileVisitResult.CONTINUE;
      }

      private String name(Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
      }
    });
    entries.sort(Comparator.comparing(ContainerEntry::name));
    return new DirectoryReader(root, entries);
  }

  private static EntryKind kindOf(BasicFileAttributes attrs) {
    if (attrs.isSymbolicLink()) {
      return EntryKind.SYMBOLIC_LINK;
    }
    return attrs.isRegularFile() ? EntryKind.FILE : EntryKind.SPECIAL;
  }

  @Override
  public List<ContainerEntry> entries() {
    return entries;
  }

  @Override
  public InputStream open(ContainerEntry entry) throws IOException {
    if (entry.kind() != EntryKind.FILE) {
      throw new IllegalArgumentException("not a file: " + entry.name());
    }
    Path file = root.resolve(entry.name());
    // The tree may have changed since it was listed: never follow a link put there since.
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(entry.name() + ": no longer a regular file");
    }
    return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public boolean isConcurrent() {
    return true;
  }

  @Override
  public ContainerFormat format() {
    return ContainerFormat.DIRECTORY;
  }

  @Override
  public void close() {}
}
