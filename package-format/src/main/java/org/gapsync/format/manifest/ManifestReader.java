package org.gapsync.format.manifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackagePath;
import org.gapsync.format.Repeats;
import org.gapsync.format.UnsafePathException;

/**
 * Reads a BagIt manifest, refusing malformed lines, unsafe paths and paths listed twice: whole
 * ({@link #read}) for the small tag manifest, or a line at a time ({@link #check}, then {@link
 * #forEach}) for a payload manifest of millions of files.
 */
public final class ManifestReader {
  private static final Pattern LINE = Pattern.compile("([0-9A-Fa-f]+)[ \\t]+(.+)");

  /** Receives the lines of a manifest one at a time. */
  @FunctionalInterface
  public interface LineConsumer {
    /** Receives the entry on line {@code number}. */
    void accept(ManifestEntry entry, int number) throws IOException;
  }

  /** Opens a manifest's bytes again, for each pass over it. */
  @FunctionalInterface
  public interface Opener {
    /** Opens the manifest from its start. */
    InputStream open() throws IOException;
  }

  private ManifestReader() {}

  /**
   * Reads the manifest {@code name} (for messages) from {@code in}, leaving the stream open.
   *
   * @throws PackageFormatException naming the first line that cannot be accepted
   */
  public static Manifest read(String name, DigestAlgorithm algorithm, InputStream in)
      throws IOException {
    LinkedHashMap<PackagePath, Digest> entries = new LinkedHashMap<>();
    forEach(name, algorithm, in, (entry, number) -> {
      if (entries.put(entry.path(), entry.digest()) != null) {
        throw listedTwice(name, number, entry);
      }
    });
    return new Manifest(algorithm, entries);
  }

  /**
   * Checks every line of the manifest {@code name} that {@code opener} opens, without keeping
   * them: each path is remembered by its fingerprint, and the few whose fingerprints repeat are
   * read again by name ({@link Repeats}).
   *
   * @throws PackageFormatException naming the first line that cannot be accepted
   */
  public static void check(String name, DigestAlgorithm algorithm, Opener opener)
      throws IOException {
    Repeats paths = new Repeats();
    try (InputStream in = opener.open()) {
      forEach(name, algorithm, in, (entry, number) -> paths.note(entry.path().value()));
    }
    if (paths.mayRepeat()) {
      try (InputStream in = opener.open()) {
        forEach(name, algorithm, in, (entry, number) -> {
          if (paths.isRepeated(entry.path().value())) {
            throw listedTwice(name, number, entry);
          }
        });
      }
    }
  }

  /**
   * Gives {@code consumer} every entry of the manifest {@code name} read from {@code in}, in
   * listing order, leaving the stream open; a path listed twice is not looked for.
   *
   * @throws PackageFormatException naming the first line that cannot be accepted
   */
  public static void forEach(String name, DigestAlgorithm algorithm, InputStream in,
      LineConsumer consumer) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in,
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)),
        1 << 16);
    int number = 0;
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (!line.isBlank()) {
          consumer.accept(parseLine(name, number, algorithm, line), number);
        }
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new PackageFormatException(name + ":" + (number + 1) + ": not UTF-8", e);
    }
  }

  private static PackageFormatException listedTwice(String name, int number,
      ManifestEntry entry) {
    return new PackageFormatException(name + ":" + number + ": " + entry.path()
        + " is listed twice");
  }

  private static ManifestEntry parseLine(String name, int number, DigestAlgorithm algorithm,
      String line) throws PackageFormatException {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw new PackageFormatException(name + ":" + number
          + ": expected '<digest> <path>', found: " + abbreviate(line));
    }
    if (!Digest.isValid(algorithm, m.group(1))) {
      throw new PackageFormatException(name + ":" + number + ": not a " + algorithm.bagitName()
          + " value: " + abbreviate(m.group(1)));
    }
    try {
      return new ManifestEntry(PackagePath.parse(decode(m.group(2))),
          Digest.parse(algorithm, m.group(1)));
    } catch (UnsafePathException e) {
      throw new PackageFormatException(name + ":" + number + ": " + e.getMessage(), e);
    }
  }

  static String decode(String path) {
    if (path.indexOf('%') < 0) {
      return path;
    }
    return path.replace("%0A", "\n").replace("%0a", "\n").replace("%0D", "\r")
        .replace("%0d", "\r").replace("%25", "%");
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
