package org.gapsync.format.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whole file trees: a folder with everything in it, or a single file, copied or deleted; and a
 * small file replaced whole.
 */
public final class FileTrees {
  private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private FileTrees() {}

  /** Deletes {@code path} and everything under it; nothing happens if it does not exist. */
  public static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Writes {@code bytes} as {@code file}, replacing it: written beside it first and renamed into
   * place, so that {@code file} is always either the old content or the new, never half of one.
   */
  public static void replace(Path file, byte[] bytes) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.write(partial, bytes);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Writes {@code bytes} as {@code file} as {@link #replace} does, readable and writable by its
   * owner alone from the moment it exists (where the file system has POSIX permissions): for
   * keys and other secrets.
   */
  public static void replacePrivate(Path file, byte[] bytes) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    var options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (var out = isPosix(file) ? Files.newByteChannel(partial, options,
        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.newByteChannel(partial, options)) {
      out.write(java.nio.ByteBuffer.wrap(bytes));
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Makes {@code folder} and its missing parents, and makes {@code folder} itself accessible to
   * its owner alone (where the file system has POSIX permissions).
   */
  public static void createPrivateFolder(Path folder) throws IOException {
    Files.createDirectories(folder);
    if (isPosix(folder)) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** Returns whether others than its owner may read or write {@code file}. */
  public static boolean isExposed(Path file) throws IOException {
    if (!isPosix(file)) {
      return false;
    }
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
    p.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_EXECUTE));
    return !p.isEmpty();
  }

  private static boolean isPosix(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    return (folder != null ? folder : file).getFileSystem().supportedFileAttributeViews()
        .contains("posix");
  }

  /** Copies the file or folder tree {@code from} to {@code to}, which must not exist yet. */
  public static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.copy(from, to);
      return;
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
  }

  /**
   * Returns the bytes the file or folder tree {@code path} takes on a medium that stores files
   * in blocks of {@code block} bytes: a file its size, or a folder every file's size rounded up
   * to a whole block and a block for each folder. A file alone is counted as it is: it is the
   * image or the container written onto the medium.
   */
  public static long size(Path path, int block) throws IOException {
    if (!Files.isDirectory(path)) {
      return Files.size(path);
    }
    long total = 0;
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        long n = Files.isDirectory(p) ? 1 : Files.size(p);
        total += (n + block - 1) / block * block;
      }
    }
    return total;
  }
}
