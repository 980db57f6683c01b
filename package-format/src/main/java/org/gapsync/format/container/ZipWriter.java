package org.gapsync.format.container;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a package as a zip file of stored (uncompressed) entries in one base folder: archival
 * content is mostly compressed already, and stored entries read back at the medium's speed.
 */
final class ZipWriter extends ArchiveWriter {
  private final ZipArchiveOutputStream zip;

  ZipWriter(Path partial, Path target, String base, Options options) throws IOException {
    super(partial, target, base, options);
    this.zip = new ZipArchiveOutputStream(partial, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    zip.setEncoding("UTF-8");
    zip.setUseZip64(Zip64Mode.AsNeeded);
    zip.setMethod(ZipEntry.STORED);
  }

  @Override
  void begin(String name, long size, Options options) throws IOException {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setSize(size);
    entry.setMethod(ZipEntry.STORED);
    entry.setUnixMode(0100644);
    entry.setLastModifiedTime(FileTime.from(options.entryTime()));
    zip.putArchiveEntry(entry);
  }

  @Override
  OutputStream stream() {
    return zip;
  }

  @Override
  void end() throws IOException {
    zip.closeArchiveEntry();
  }

  @Override
  void finish() throws IOException {
    zip.finish();
    zip.close();
  }

  @Override
  void abort() throws IOException {
    zip.close();
  }
}
