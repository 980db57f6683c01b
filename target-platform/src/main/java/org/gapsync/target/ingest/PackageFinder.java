package org.gapsync.target.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.platform.UsageException;

/**
 * Finds the packages on a medium, plain or encrypted: the path itself if it is one, else those
 * directly in it.
 */
final class PackageFinder {
  private PackageFinder() {}

  static List<Path> find(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no such medium or folder; is it "
          + "mounted?");
    }
    if (isParity(dir)) {
      throw new UsageException(dir + " is the parity volume of a set: it carries no records "
          + "and is not imported; it rebuilds a volume of the set lost whole: 'package repair "
          + "--rebuild K " + dir + " VOLUME... --out DIR'");
    }
    if (isPackage(dir)) {
      return List.of(dir);
    }
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : (Iterable<Path>) s.sorted()::iterator) {
          // A set's parity volume beside its volumes is kept, not imported.
          if (!p.getFileName().toString().startsWith(".") && !isParity(p) && isPackage(p)) {
            found.add(p);
          }
        }
      }
    }
    if (found.isEmpty()) {
      throw new UsageException(dir + ": holds no package (a folder with bagit.txt, a .tar "
          + "or .zip file, an encrypted .tar.p7m, or a disc image .iso); name the medium's "
          + "folder the packages were written to");
    }
    return found;
  }

  /** Returns whether {@code p} is named as a set's parity volume, {@code ID.parity-of-N}. */
  private static boolean isParity(Path p) {
    return p.getFileName() != null && p.getFileName().toString().matches(
        "[A-Za-z0-9._-]+\\.parity-of-[0-9]+(\\.iso)?");
  }

  private static boolean isPackage(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      return Files.exists(p.resolve("bagit.txt"));
    }
    return ContainerFormat.detect(p).isPresent() || EnvelopeReader.isEnvelope(p)
        || isDiscImage(p);
  }

  /**
   * Returns whether {@code p} is a disc image: a file named {@code .iso} that begins as an ISO
   * 9660 file system does, its first volume descriptor ({@code CD001}) at byte 32,769.
   */
  static boolean isDiscImage(Path p) throws IOException {
    if (!Files.isRegularFile(p) || !p.getFileName().toString().endsWith(".iso")) {
      return false;
    }
    try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(p)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(5);
      return c.read(b, 32769) == 5 && new String(b.array(),
          java.nio.charset.StandardCharsets.US_ASCII).equals("CD001");
    }
  }
}
