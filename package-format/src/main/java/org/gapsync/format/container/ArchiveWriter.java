package org.gapsync.format.container;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.gapsync.format.PackagePath;
import org.gapsync.format.files.FileTrees;

/**
 * What the tar and zip writers share: one archive file written under a temporary name, entries
 * one at a time below a base folder, forced to the medium and renamed on commit, removed on
 * close otherwise.
 */
abstract class ArchiveWriter implements ContainerWriter {
  private final Path partial;
  private final Path target;
  private final String base;
  private final Options options;
  private boolean committed;

  ArchiveWriter(Path partial, Path target, String base, Options options) throws IOException {
    this.partial = partial;
    this.target = target;
    this.base = base + "/";
    this.options = options;
    FileTrees.delete(partial);
  }

  /** Starts the entry {@code name} of {@code size} bytes. */
  abstract void begin(String name, long size, Options options) throws IOException;

  /** Returns the stream the current entry's bytes go to. */
  abstract OutputStream stream();

  /** Ends the current entry. */
  abstract void end() throws IOException;

  /** Writes the archive's trailer and closes the file. */
  abstract void finish() throws IOException;

  /** Closes the file in whatever state it is. */
  abstract void abort() throws IOException;

  @Override
  public final OutputStream newEntry(PackagePath path, long size) throws IOException {
    begin(base + path.value(), size, options);
    return new FilterOutputStream(stream()) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        end();
      }
    };
  }

  @Override
  public final boolean isConcurrent() {
    return false;
  }

  @Override
  public final Path commit() throws IOException {
    finish();
    if (options.durable()) {
      Durability.force(partial);
    }
    Durability.publish(partial, target, options.durable());
    committed = true;
    return target;
  }

  @Override
  public final void close() throws IOException {
    if (!committed) {
      try {
        abort();
      } catch (IOException e) {
        // The partial file is removed below whatever state the stream was left in.
      }
      FileTrees.delete(partial);
    }
  }
}
