package org.gapsync.format.container;

import java.io.IOException;
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
}
