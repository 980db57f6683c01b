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
   * A window onto a container's bytes that reads a large block at a time: the checks of a tar's
   * headers and padding ask for a few hundred bytes an entry, in file order, and a read of its
   * own for each would be two system calls an entry.
   */
  static final class Window {
    private final FileChannel channel;
    private final ByteBuffer block;
    /** Where the bytes the block holds start in the file, and how many it holds. */
    private long start;
    private int length;

    Window(FileChannel channel, int size) {
      this.channel = channel;
      this.block = ByteBuffer.allocate(size);
    }

    /**
     * Returns a stream of the file's bytes from byte {@code at} to its end, read through this
     * window; what it says is available is what is left of the file.
     */
    InputStream from(long at) throws IOException {
      long size = channel.size();
      return new InputStream() {
        private long position = at;

        @Override
        public int read() throws IOException {
          ByteBuffer one = bytes(position, 1);
          if (!one.hasRemaining()) {
            return -1;
          }
          position++;
          return one.get() & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          java.util.Objects.checkFromIndexSize(off, len, b.length);
          if (len == 0) {
            return 0;
          }
          ByteBuffer some = bytes(position, Math.min(len, block.capacity()));
          if (!some.hasRemaining()) {
            return -1;
          }
          int n = some.remaining();
          some.get(b, off, n);
          position += n;
          return n;
        }

        @Override
        public int available() {
          return (int) Math.max(0, Math.min(Integer.MAX_VALUE, size - position));
        }
      };
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
        block.clear();
        fill(channel, block, at);
        start = at;
        length = block.position();
      }
      int from = (int) Math.min(at - start, length);
      return block.duplicate().limit(Math.min(from + count, length)).position(from);
    }
  }
}
