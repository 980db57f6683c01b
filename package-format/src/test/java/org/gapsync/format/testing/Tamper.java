package org.gapsync.format.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SigningKey;

/** What an attacker or a failing medium does to a package, for the hostile-input tests. */
public final class Tamper {
  private Tamper() {}

  /** Replaces {@code from} by {@code to} in the text file {@code file}. */
  public static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (!text.contains(from)) {
      throw new IllegalArgumentException(file + " does not contain " + from);
    }
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
  }

  /** Flips the lowest bit of the byte at {@code offset} of {@code file}. */
  public static void flipByte(Path file, int offset) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[offset] ^= 1;
    Files.write(file, bytes);
  }

  /** Recomputes the payload manifest of a folder bag from its payload, as a forger would. */
  public static void rebuildManifest(Path bag) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(bag.resolve("data"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        lines.add(sha256(Files.readAllBytes(f)) + "  " + bag.relativize(f).toString());
      }
    }
    Files.writeString(bag.resolve("manifest-sha256.txt"), String.join("\n", lines) + "\n");
  }

  /** Recomputes the tag manifest over the same tag files and signs it with {@code key}. */
  public static void reseal(Path bag, SigningKey key) throws IOException {
    Path tagManifest = bag.resolve("tagmanifest-sha256.txt");
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(tagManifest)) {
      String path = line.substring(line.indexOf("  ") + 2);
      if (Files.exists(bag.resolve(path))) {
        lines.add(sha256(Files.readAllBytes(bag.resolve(path))) + "  " + path);
      }
    }
    Files.writeString(tagManifest, String.join("\n", lines) + "\n");
    byte[] signature = new PackageSigner(key, Fixtures.CLOCK).sign(Files.readAllBytes(
        tagManifest));
    Files.write(bag.resolve("sync/signature.p7s"), signature);
  }

  /** Serializes a folder bag as a tar under a base folder, then appends {@code extra}. */
  public static Path tar(Path bag, Path out, List<TarArchiveEntry> extra) throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(out),
        "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      try (Stream<Path> files = Files.walk(bag)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          TarArchiveEntry e = new TarArchiveEntry("pkg/" + bag.relativize(f));
          e.setSize(Files.size(f));
          tar.putArchiveEntry(e);
          Files.copy(f, tar);
          tar.closeArchiveEntry();
        }
      }
      for (TarArchiveEntry e : extra) {
        tar.putArchiveEntry(e);
        if (e.isFile()) {
          tar.write(new byte[(int) e.getSize()]);
        }
        tar.closeArchiveEntry();
      }
    }
    return out;
  }

  /** Returns a regular tar entry of {@code size} zero bytes named {@code name}. */
  public static TarArchiveEntry file(String name, int size) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(size);
    return e;
  }

  /** Returns a tar entry of the given link flag (symbolic, hard, device) named {@code name}. */
  public static TarArchiveEntry special(String name, byte flag) {
    TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
    if (flag == TarArchiveEntry.LF_SYMLINK || flag == TarArchiveEntry.LF_LINK) {
      e.setLinkName("../../etc/passwd");
    }
    return e;
  }

  /** Writes {@code bytes} to a new file. */
  public static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(bytes);
    }
  }

  private static String sha256(byte[] bytes) {
    return Digest.of(DigestAlgorithm.SHA256, bytes).hex();
  }
}
