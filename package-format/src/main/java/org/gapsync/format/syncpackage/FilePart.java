package org.gapsync.format.syncpackage;

import java.util.Objects;
import org.gapsync.format.Digest;

/**
 * The part of a file larger than a volume that one volume of a set carries: the file's bytes
 * from {@code offset} on, {@code size} of them. The parts of a file, on consecutive volumes,
 * joined in order of number are the file, whose whole size and digest its header element gives.
 *
 * @param number which part, from 1
 * @param count how many parts the file has, at least 2
 * @param offset where in the file the part begins
 * @param size the part's length
 * @param digest the part's digest, as the volume's manifest lists it
 */
public record FilePart(int number, int count, long offset, long size, Digest digest) {
  /** Checks that the part is one of a file of at least two. */
  public FilePart {
    Objects.requireNonNull(digest, "digest");
    if (count < 2 || number < 1 || number > count) {
      throw new IllegalArgumentException("part " + number + " of " + count);
    }
    if (offset < 0 || size < 1) {
      throw new IllegalArgumentException("a part at " + offset + " of " + size + " bytes");
    }
  }

  /** Returns where the part ends in its file. */
  public long end() {
    return offset + size;
  }

  @Override
  public String toString() {
    return "part " + number + " of " + count + " (bytes " + offset + " to " + (end() - 1) + ")";
  }
}
