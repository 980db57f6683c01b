package org.gapsync.format.container;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackagePath;

/**
 * Writes a package in one of its forms under a temporary name beside its final one, and gives it
 * the final name only on {@link #commit()}: a reader never sees a half-written package. Closing
 * without committing removes what was written.
 *
 * <pre>{@code
 * try (ContainerWriter out = ContainerWriter.create(ContainerFormat.TAR, mediumDir, "pkg-1",
 *     ContainerWriter.Options.DEFAULT)) {
 *   try (OutputStream entry = out.newEntry(PackagePath.parse("bagit.txt"), bytes.length)) {
 *     entry.write(bytes);
 *   }
 *   Path written = out.commit();
 * }
 * }</pre>
 */
public interface ContainerWriter extends Closeable {
  /**
   * Starts a file entry of exactly {@code size} bytes; the caller writes them and closes the
   * stream. Unless {@link #isConcurrent()}, one entry is written at a time.
   */
  OutputStream newEntry(PackagePath path, long size) throws IOException;

  /** Returns whether entries may be written from several threads at once. */
  boolean isConcurrent();

  /** Flushes everything to the medium and renames the package to its final name. */
  Path commit() throws IOException;

  /** Removes the partial package unless it was committed. */
  @Override
  void close() throws IOException;

  /**
   * How a package is written.
   *
   * @param durable whether to force every byte to the medium before the final rename
   * @param entryTime the modification time written on each entry
   */
  record Options(boolean durable, Instant entryTime) {
    /** Durable, with entry times of the Unix epoch. */
    public static final Options DEFAULT = new Options(true, Instant.EPOCH);

    /** Checks that a time is given. */
    public Options {
      Objects.requireNonNull(entryTime, "entryTime");
    }
  }

  /**
   * Creates a writer for the package {@code name} (without extension) in {@code directory}.
   *
   * @throws PackageFormatException if a package of that name already exists there
   */
  static ContainerWriter create(ContainerFormat format, Path directory, String name,
      Options options) throws IOException {
    return create(format, directory, name, options, Seal.NONE);
  }

  /**
   * Creates a writer for the package {@code name} whose bytes pass through {@code seal} on their
   * way to the medium; its file name ends with the seal's extension.
   *
   * @throws IllegalArgumentException if {@code format} is not tar and the seal is not none
   * @throws PackageFormatException if a package of that name already exists there
   */
  static ContainerWriter create(ContainerFormat format, Path directory, String name,
      Options options, Seal seal) throws IOException {
    Objects.requireNonNull(options, "options");
    if (seal != Seal.NONE && format != ContainerFormat.TAR) {
      throw new IllegalArgumentException("only a tar package can be sealed, not " + format);
    }
    if (!PackagePath.isSafe(name) || name.contains("/")) {
      throw new IllegalArgumentException("not a package name: " + name);
    }
    String file = name + format.extension() + seal.extension();
    Path target = directory.resolve(file);
    Path partial = directory.resolve("." + file + ".partial");
    if (Files.exists(target)) {
      throw new PackageFormatException(target + " already exists; a package is never "
          + "overwritten: remove it or write elsewhere");
    }
    if (!Files.isDirectory(directory)) {
      throw new java.nio.file.NoSuchFileException(directory.toString(), null,
          "not a folder: check that the medium is mounted");
    }
    return switch (format) {
      case DIRECTORY -> new DirectoryWriter(partial, target, options);
      case TAR -> new TarWriter(partial, target, name, options, seal);
      case ZIP -> new ZipWriter(partial, target, name, options);
    };
  }
}
