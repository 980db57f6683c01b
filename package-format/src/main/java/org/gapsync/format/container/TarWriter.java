package org.gapsync.format.container;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.gapsync.format.PackagePath;

/** Writes a package as a POSIX tar file, its entries in one base folder named after it. */
final class TarWriter implements ContainerWriter {
  private final Path partial;
  private final Path target;
  private final String base;
  private final Options options;
  private final TarArchiveOutputStream tar;
  private boolean committed;

  TarWriter(Path partial, Path target, String base, Options options) throws IOException {
    this.partial = partial;
    this.target = target;
    this.base = base + "/";
    this.options = options;
    Durability.delete(partial);
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial,
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16);
    this.tar = new TarArchiveOutputStream(file, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  @Override
  public OutputStream newEntry(PackagePath path, long size) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(base + path.value());
    entry.setSize(size);
    entry.setMode(0100644);
    entry.setLastModifiedTime(FileTime.from(options.entryTime()));
    tar.putArchiveEntry(entry);
    return new FilterOutputStream(tar) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        tar.closeArchiveEntry();
      }
    };
  }

  @Override
  public boolean isConcurrent() {
    return false;
  }

  @Override
  public Path commit() throws IOException {
    tar.finish();
    tar.close();
    if (options.durable()) {
      Durability.force(partial);
    }
    Durability.rename(partial, target);
    committed = true;
    if (options.durable()) {
      Durability.forceDirectory(target.toAbsolutePath().getParent());
    }
    return target;
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      try {
        tar.close();
      } catch (IOException e) {
        // The partial file is removed below whatever state the stream was left in.
      }
      Durability.delete(partial);
    }
  }
}
