package org.gapsync.format.container;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.gapsync.format.PackageFormatException;

/**
 * Reads the entries of a package in any of its forms. Entry names are untrusted: callers check
 * them before use. Streams of compressed entries stop with an error rather than expand beyond
 * their declared size. A reader keeps nothing per entry on the heap that it can find again on
 * disk: the entries are listed by reading the container again each time, and found by name
 * through a compact index (a tar), the file system (a folder) or the central directory (a zip).
 *
 * <pre>{@code
 * try (ContainerReader reader = ContainerReader.open(path)) {
 *   reader.entries(e -> { ... });
 *   reader.find("data/a/metadata.xml").ifPresent(e -> ... reader.open(e) ...);
 * }
 * }</pre>
 */
public interface ContainerReader extends Closeable {
  /** Receives the entries of a container one at a time. */
  @FunctionalInterface
  interface Visitor {
    /** Receives the next entry. */
    void visit(ContainerEntry entry) throws IOException;
  }

  /** Gives {@code visitor} every entry, in the container's own order. */
  void entries(Visitor visitor) throws IOException;

  /**
   * Returns the entry named {@code name} exactly (the first, if a container names one twice),
   * or empty when there is none. In a folder, a name reached through a symbolic link is none.
   */
  Optional<ContainerEntry> find(String name) throws IOException;

  /** Opens the bytes of a file entry; several entries may be open at once. */
  InputStream open(ContainerEntry entry) throws IOException;

  /** Returns whether several entries can be read at once from different threads. */
  boolean isConcurrent();

  /** Returns the form being read. */
  ContainerFormat format();

  /**
   * Opens the package at {@code path}, detecting its form.
   *
   * @throws PackageFormatException when it is none of the forms, or is truncated or corrupt
   */
  static ContainerReader open(Path path) throws IOException {
    if (!java.nio.file.Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw gone(path, null);
    }
    ContainerFormat format = ContainerFormat.detect(path).orElseThrow(() ->
        new PackageFormatException(path + ": neither a folder, a tar file nor a zip file"));
    try {
      return switch (format) {
        case DIRECTORY -> DirectoryReader.open(path);
        case TAR -> TarReader.open(path);
        case ZIP -> ZipReader.open(path);
      };
    } catch (PackageFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (!java.nio.file.Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw gone(path, e);
      }
      // Commons Compress reports corrupt archives with unchecked exceptions as well.
      throw new PackageFormatException(path + ": unreadable " + format.name().toLowerCase(
          java.util.Locale.ROOT) + " (truncated or corrupt): " + e.getMessage(), e);
    }
  }

  /**
   * Returns the error for a package that is not (or no longer) where it was named: the medium
   * went away, which is no fault of the package.
   */
  private static IOException gone(Path path, Throwable cause) {
    IOException e = new java.nio.file.NoSuchFileException(path.toString(), null, "gone: the "
        + "medium was unplugged or unmounted, or the package was moved; mount it again and "
        + "run the command again");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
