package org.gapsync.format.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads of a container's bytes at a position, for the checks of the bytes between entries. */
final class PositionalReads {
  private PositionalReads() {}

  /**
   * Fills {@code buffer} from byte {@code at} of {@code channel}, leaving the channel's position
   * as it was; returns whether the file held that many bytes.
   */
  static boolean fill(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
    for (long p = at; buffer.hasRemaining(); ) {
      int n = channel.read(buffer, p);
      if (n < 0) {
        return false;
      }
      p += n;
    }
    return true;
  }

  /**
   * A window onto a container's bytes that reads a large block at a time: a tar's headers, its
   * padding and its small files are asked for a few hundred bytes at a time, mostly in file
   * order, and a read of their own for each would be two or three system calls an entry. Reads
   * of a block's size or more, of a large file's content, go straight to the file.
   */
  static final class Window {
    private final FileChannel channel;
    private final long fileSize;
    private final ByteBuffer block;
    /** Where the bytes the block holds start in the file, and how many it holds. */
    private long start;
    private int length;

    /**
     * Creates a window of {@code blockSize} bytes onto {@code channel}, taking the file's size
     * once: a container is not written while it is read.
     */
    Window(FileChannel channel, int blockSize) throws IOException {
      this.channel = channel;
      this.fileSize = channel.size();
      this.block = ByteBuffer.allocate(blockSize);
    }

    /** Returns the file's size when the window was made. */
    long fileSize() {
      return fileSize;
    }

    /**
     * Returns a stream of the {@code count} bytes from byte {@code at} of the file (fewer where
     * the file ends first), read through this window; what it says is available is what is left
     * of them.
     */
    InputStream from(long at, long count) throws IOException {
      long end = Math.min(at + count, fileSize);
      return new InputStream() {
        private long position = at;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          java.util.Objects.checkFromIndexSize(off, len, b.length);
          if (len == 0) {
            return 0;
          }
          if (position >= end) {
            return -1;
          }
          int n = Window.this.read(position, b, off, (int) Math.min(len, end - position));
          if (n > 0) {
            position += n;
          }
          return n;
        }

        @Override
        public int available() {
          return (int) Math.max(0, Math.min(Integer.MAX_VALUE, end - position));
        }
      };
    }

    /**
     * Reads up to {@code len} bytes from byte {@code at} of the file into {@code b} at
     * {@code off}; returns how many, or -1 where the file ends.
     */
    private int read(long at, byte[] b, int off, int len) throws IOException {
      if (at >= start && at < start + length) {
        int from = (int) (at - start);
        int n = Math.min(len, length - from);
        System.arraycopy(block.array(), from, b, off, n);
        return n;
      }
      if (len >= block.capacity()) {
        return channel.read(ByteBuffer.wrap(b, off, len), at);
      }
      load(at);
      if (length == 0) {
        return -1;
      }
      int n = Math.min(len, length);
      System.arraycopy(block.array(), 0, b, off, n);
      return n;
    }

    /** Returns the most bytes {@link #bytes} gives at a time. */
    int blockSize() {
      return block.capacity();
    }

    /**
     * Returns the {@code count} bytes from byte {@code at} of the file, fewer only where the
     * file ends first, as a buffer to read from at once: the next call may change it.
     */
    ByteBuffer bytes(long at, int count) throws IOException {
      if (count < 0 || count > block.capacity()) {
        throw new IllegalArgumentException("count not in 0.." + block.capacity() + ": " + count);
      }
      if (at < start || at + count > start + length) {
        load(at);
      }
      int from = (int) Math.min(at - start, length);
      return block.duplicate().limit(Math.min(from + count, length)).position(from);
    }

    /** Fills the block with the file's bytes from {@code at}, as many as there are. */
    private void load(long at) throws IOException {
      block.clear();
      fill(channel, block, at);
      start = at;
      length = block.position();
    }
  }
}
