package org.gapsync.platform.ferry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.gapsync.platform.UsageException;

/**
 * The lock that keeps a second ferry off a home while one runs: an operating-system lock on
 * {@code ferry/ferry.lock} in the home, held for the service's life and let go when its process
 * ends, however it ends. The file says which process holds it.
 */
public final class FerryLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private FerryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock in the home's ferry folder {@code dir}.
   *
   * @throws UsageException when another ferry holds it
   */
  public static FerryLock take(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("ferry.lock");
    FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = c.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      // Held by this very process already.
      lock = null;
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    if (lock == null) {
      String holder = Files.readString(file, StandardCharsets.US_ASCII).trim();
      c.close();
      throw new UsageException("another ferry runs on this home (" + (holder.isEmpty()
          ? "process unknown" : holder) + "); stop it first (systemctl stop, or SIGTERM)");
    }
    c.truncate(0);
    c.write(ByteBuffer.wrap(("process " + ProcessHandle.current().pid()).getBytes(
        StandardCharsets.US_ASCII)), 0);
    c.force(true);
    return new FerryLock(c, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
