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
    if (isPackage(dir)) {
      return List.of(dir);
    }
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : (Iterable<Path>) s.sorted()::iterator) {
          if (!p.getFileName().toString().startsWith(".") && isPackage(p)) {
            found.add(p);
          }
        }
      }
    }
    if (found.isEmpty()) {
      throw new UsageException(dir + ": holds no package (a folder with bagit.txt, a .tar "
          + "or .zip file, or an encrypted .tar.p7m); name the medium's folder the packages were written to");
    }
    return found;
  }

  private static boolean isPackage(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      return Files.exists(p.resolve("bagit.txt"));
    }
    return ContainerFormat.detect(p).isPresent() || EnvelopeReader.isEnvelope(p);
  }
}
