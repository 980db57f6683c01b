package org.gapsync.format.container;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gapsync.format.PackagePath;
import org.gapsync.format.files.FileTrees;

/** Writes a package as a folder; entries may be written from several threads at once. */
final class DirectoryWriter implements ContainerWriter {
  private final Path partial;
  private final Path target;
  private final Options options;
  private final Map<Path, Boolean> folders = new ConcurrentHashMap<>();
  private boolean committed;

  DirectoryWriter(Path partial, Path target, Options options) throws IOException {
    this.partial = partial;
    this.target = target;
    this.options = options;
    FileTrees.delete(partial);
    Files.createDirectory(partial);
    folders.put(partial, true);
  }

  @Override
  public OutputStream newEntry(PackagePath path, long size) throws IOException {
    Path file = path.resolveIn(partial);
    try {
      // Created inside computeIfAbsent, so no other thread writes into it before it exists.
      folders.computeIfAbsent(file.getParent(), folder -> {
        try {
          Files.createDirectories(folder);
          return true;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    return new FilterOutputStream(Channels.newOutputStream(channel)) {
      private long written;

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
      }

      @Override
      public void close() throws IOException {
        try (channel) {
          if (written != size) {
            throw new IOException(path + ": wrote " + written + " bytes, declared " + size);
          }
          if (options.durable()) {
            channel.force(true);
          }
        }
        Files.setLastModifiedTime(file, FileTime.from(options.entryTime()));
      }
    };
  }

  @Override
  public boolean isConcurrent() {
    return true;
  }

  @Override
  public Path commit() throws IOException {
    if (options.durable()) {
      for (Path folder : folders.keySet()) {
        Durability.forceDirectory(folder);
      }
    }
    Durability.publish(partial, target, options.durable());
    committed = true;
    return target;
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      FileTrees.delete(partial);
    }
  }
}
