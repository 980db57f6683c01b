package org.gapsync.format.container;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.gapsync.format.PackagePath;

/**
 * Writes a package as a zip file of stored (uncompressed) entries in one base folder: archival
 * content is mostly compressed already, and stored entries read back at the medium's speed.
 */
final class ZipWriter implements ContainerWriter {
  private final Path partial;
  private final Path target;
  private final String base;
  private final Options options;
  private final ZipArchiveOutputStream zip;
  private boolean committed;

  ZipWriter(Path partial, Path target, String base, Options options) throws IOException {
    this.partial = partial;
    this.target = target;
    this.base = base + "/";
    this.options = options;
    Durability.delete(partial);
    this.zip = new ZipArchiveOutputStream(partial, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    zip.setEncoding("UTF-8");
    zip.setUseZip64(Zip64Mode.AsNeeded);
    zip.setMethod(ZipEntry.STORED);
  }

  @Override
  public OutputStream newEntry(PackagePath path, long size) throws IOException {
    ZipArchiveEntry entry = new ZipArchiveEntry(base + path.value());
    entry.setSize(size);
    entry.setMethod(ZipEntry.STORED);
    entry.setUnixMode(0100644);
    entry.setLastModifiedTime(FileTime.from(options.entryTime()));
    zip.putArchiveEntry(entry);
    return new FilterOutputStream(zip) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        zip.closeArchiveEntry();
      }
    };
  }

  @Override
  public boolean isConcurrent() {
    return false;
  }

  @Override
  public Path commit() throws IOException {
    zip.finish();
    zip.close();
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
        zip.close();
      } catch (IOException e) {
        // The partial file is removed below whatever state the stream was left in.
      }
      Durability.delete(partial);
    }
  }
}
