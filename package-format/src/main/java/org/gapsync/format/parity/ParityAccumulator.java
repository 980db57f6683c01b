package org.gapsync.format.parity;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gapsync.format.Digest;
import org.gapsync.format.PackageId;

/**
 * Builds a set's parity as its volumes are written: each volume's file, once written and
 * verified, is folded into the parity by exclusive or, byte by byte from its start (a shorter
 * volume counts as followed by zeros), and its length and digest noted. One pass over each
 * volume, while it is still on its medium; the parity is as long as the longest volume.
 *
 * <pre>{@code
 * try (ParityAccumulator p = ParityAccumulator.create(staging.resolve(ParityIndex.PARITY))) {
 *   p.fold(1, v1);
 *   p.fold(2, v2);
 *   p.finish(packageId).write(staging.resolve(ParityIndex.FILE));
 * }
 * }</pre>
 */
public final class ParityAccumulator implements Closeable {
  /** The bytes read from a volume and from the parity at a time. */
  static final int CHUNK = 1 << 20;

  private final Path file;
  private final FileChannel parity;
  private final List<ParityIndex.Entry> volumes = new ArrayList<>();
  private final byte[] in = new byte[CHUNK];
  private final byte[] acc = new byte[CHUNK];
  private long length;

  private ParityAccumulator(Path file, FileChannel parity) {
    this.file = file;
    this.parity = parity;
  }

  /** Starts the parity in {@code file}, which must not exist. */
  public static ParityAccumulator create(Path file) throws IOException {
    return new ParityAccumulator(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  /** Returns how long the parity is so far: the longest volume folded in. */
  public long length() {
    return length;
  }

  /**
   * Folds volume {@code number}, the file {@code volume}, into the parity and returns its entry:
   * its name, length and digest, as read.
   */
  public ParityIndex.Entry fold(int number, Path volume) throws IOException {
    if (volumes.stream().anyMatch(v -> v.number() == number)) {
      throw new IllegalStateException("volume " + number + " is folded in already");
    }
    MessageDigest md = ParityIndex.ALGORITHM.newMessageDigest();
    long at = 0;
    try (InputStream s = Files.newInputStream(volume, LinkOption.NOFOLLOW_LINKS)) {
      for (int n = s.readNBytes(in, 0, CHUNK); n > 0; n = s.readNBytes(in, 0, CHUNK)) {
        md.update(in, 0, n);
        int old = (int) Math.max(0, Math.min(n, length - at));
        readFully(parity, acc, old, at);
        for (int i = 0; i < old; i++) {
          in[i] ^= acc[i];
        }
        writeFully(parity, in, n, at);
        at += n;
      }
    }
    length = Math.max(length, at);
    ParityIndex.Entry e = new ParityIndex.Entry(number, volume.getFileName().toString(), at,
        Digest.from(ParityIndex.ALGORITHM, md));
    volumes.add(e);
    return e;
  }

  /**
   * Writes the parity out to its medium and returns the index of the set of {@code packageId},
   * every one of its volumes folded in.
   */
  public ParityIndex finish(PackageId packageId) throws IOException {
    parity.force(true);
    List<ParityIndex.Entry> sorted = new ArrayList<>(volumes);
    sorted.sort(Comparator.comparingInt(ParityIndex.Entry::number));
    Digest digest = Digest.ofFile(ParityIndex.ALGORITHM, file);
    return new ParityIndex(packageId, new ParityIndex.Entry(0, file.getFileName().toString(),
        length, digest), sorted);
  }

  @Override
  public void close() throws IOException {
    parity.close();
  }

  /** Reads {@code n} bytes at {@code at} of {@code channel} into {@code into}. */
  static void readFully(FileChannel channel, byte[] into, int n, long at) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(into, 0, n);
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) {
        throw new java.io.EOFException("the parity ends early, at " + (at + b.position()));
      }
    }
  }

  private static void writeFully(FileChannel channel, byte[] from, int n, long at)
      throws IOException {
    ByteBuffer b = ByteBuffer.wrap(from, 0, n);
    while (b.hasRemaining()) {
      channel.write(b, at + b.position());
    }
  }
}
