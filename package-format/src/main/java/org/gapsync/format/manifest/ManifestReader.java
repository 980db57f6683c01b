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
import org.gapsync.format.UnsafePathException;

/** Reads a BagIt manifest, refusing malformed lines, unsafe paths and paths listed twice. */
public final class ManifestReader {
  private static final Pattern LINE = Pattern.compile("([0-9A-Fa-f]+)[ \\t]+(.+)");

  private ManifestReader() {}

  /**
   * Reads the manifest {@code name} (for messages) from {@code in}, leaving the stream open.
   *
   * @throws PackageFormatException naming the first line that cannot be accepted
   */
  public static Manifest read(String name, DigestAlgorithm algorithm, InputStream in)
      throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in,
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)));
    LinkedHashMap<PackagePath, Digest> entries = new LinkedHashMap<>();
    int number = 0;
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        ManifestEntry entry = parseLine(name, number, algorithm, line);
        if (entries.put(entry.path(), entry.digest()) != null) {
          throw new PackageFormatException(name + ":" + number + ": " + entry.path()
              + " is listed twice");
        }
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new PackageFormatException(name + ":" + (number + 1) + ": not UTF-8", e);
    }
    return new Manifest(algorithm, entries);
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
