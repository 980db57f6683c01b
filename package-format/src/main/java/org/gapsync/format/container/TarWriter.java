package org.gapsync.format.container;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a package as a POSIX tar file, its entries in one base folder named after it, through a
 * seal if one is given.
 */
final class TarWriter extends ArchiveWriter {
  private final TarArchiveOutputStream tar;

  TarWriter(Path partial, Path target, String base, Options options, Seal seal)
      throws IOException {
    super(partial, target, base, options);
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial,
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16);
    OutputStream sealed;
    try {
      sealed = seal.wrap(file);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
    this.tar = new TarArchiveOutputStream(sealed, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  @Override
  void begin(String name, long size, Options options) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(size);
    entry.setMode(0100644);
    entry.setLastModifiedTime(FileTime.from(options.entryTime()));
    tar.putArchiveEntry(entry);
  }

  @Override
  OutputStream stream() {
    return tar;
  }

  @Override
  void end() throws IOException {
    tar.closeArchiveEntry();
  }

  @Override
  void finish() throws IOException {
    tar.finish();
    tar.close();
  }

  @Override
  void abort() throws IOException {
    tar.close();
  }
}
