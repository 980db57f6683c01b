package org.gapsync.format.container;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.gapsync.format.PackageFormatException;

/** Forcing files to the medium, and the final rename. */
public final class Durability {
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

  /**
   * Gives the whole package its final name and, if {@code durable}, forces the rename to the
   * medium: the one step after which the package exists.
   */
  static void publish(Path partial, Path target, boolean durable) throws IOException {
    rename(partial, target);
    if (durable) {
      forceDirectory(target.toAbsolutePath().getParent());
    }
  }

  /**
   * Forces the whole file {@code partial} to the medium, gives it its final name
   * {@code target} and forces the rename: for a file a program other than ours wrote.
   *
   * @throws PackageFormatException if a file of that name appeared meanwhile
   */
  public static void publishFile(Path partial, Path target) throws IOException {
    force(partial);
    publish(partial, target, true);
  }

  private static void rename(Path partial, Path target) throws IOException {
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
}
