package org.gapsync.format.container;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.gapsync.format.PackageFormatException;

/** Forcing files to the medium, the final rename, and removing what a failed write left. */
final class Durability {
  private static final System.Logger LOG = System.getLogger(Durability.class.getName());

  private Durability() {}

  static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Forces a folder's entries (new names, renames) to the medium, where the platform can. */
  static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a folder as a channel; file data is already forced.
      LOG.log(System.Logger.Level.DEBUG, "cannot force folder " + dir, e);
    }
  }

  static void rename(Path partial, Path target) throws IOException {
    try {
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      throw new PackageFormatException(target + " appeared while the package was written; "
          + "the new one is left unnamed and removed", e);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the medium cannot rename " + partial + " atomically", e);
    }
  }

  /** Removes a file or folder tree that a failed write left behind. */
  static void delete(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
