package org.gapsync.format.container;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.gapsync.format.EntrySizeException;

/**
 * Passes on exactly the declared number of bytes of an entry and fails when the entry holds more
 * (an expansion beyond what it declared) or fewer (a truncated container).
 */
final class SizeCheckedInputStream extends FilterInputStream {
  private final String name;
  private final long declared;
  private long count;

  SizeCheckedInputStream(String name, InputStream in, long declared) {
    super(in);
    this.name = name;
    this.declared = declared;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (count == declared) {
      if (super.read() >= 0) {
        throw new EntrySizeException(name + ": holds more than its declared "
            + declared + " bytes", true);
      }
      return -1;
    }
    int n = super.read(b, off, (int) Math.min(len, declared - count));
    if (n < 0) {
      throw new EntrySizeException(name + ": ends after " + count + " of its declared "
          + declared + " bytes (truncated)", false);
    }
    count += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes count like read ones, so skip by reading.
    byte[] buffer = new byte[8192];
    long left = n;
    while (left > 0) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, left));
      if (r < 0) {
        break;
      }
      left -= r;
    }
    return n - left;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
