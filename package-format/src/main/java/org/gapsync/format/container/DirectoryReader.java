package org.gapsync.format.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.gapsync.format.PackagePath;

/**
 * Reads a package laid out as a folder, without following links. The tree is walked again for
 * each listing, in the file system's own order, one folder open at a time.
 */
final class DirectoryReader implements ContainerReader {
  private final Path root;

  private DirectoryReader(Path root) {
    this.root = root;
  }

  static DirectoryReader open(Path root) throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      throw new java.nio.file.NotDirectoryException(root.toString());
    }
    return new DirectoryReader(root);
  }

  @Override
  public void entries(Visitor visitor) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        if (!dir.equals(root)) {
          visitor.visit(new ContainerEntry(name(dir), EntryKind.DIRECTORY, 0, 0, 0));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        visitor.visit(entry(name(file), attrs));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private String name(Path p) {
    return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
  }

  private static ContainerEntry entry(String name, BasicFileAttributes attrs) {
    long size = attrs.isRegularFile() ? attrs.size() : 0;
    return new ContainerEntry(name, kindOf(attrs), size, size, 0);
  }

  @Override
  public Optional<ContainerEntry> find(String name) throws IOException {
    if (!PackagePath.isSafe(name)) {
      return Optional.empty();
    }
    // Every folder on the way must be a folder, not a link to one elsewhere.
    Path at = root;
    String[] parts = name.split("/");
    for (int i = 0; i < parts.length; i++) {
      at = at.resolve(parts[i]);
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (java.nio.file.NoSuchFileException e) {
        return Optional.empty();
      }
      if (i == parts.length - 1) {
        return Optional.of(entry(name, attrs));
      }
      if (!attrs.isDirectory()) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static EntryKind kindOf(BasicFileAttributes attrs) {
    if (attrs.isSymbolicLink()) {
      return EntryKind.SYMBOLIC_LINK;
    }
    return attrs.isRegularFile() ? EntryKind.FILE : EntryKind.SPECIAL;
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
