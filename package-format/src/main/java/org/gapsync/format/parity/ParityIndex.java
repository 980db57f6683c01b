package org.gapsync.format.parity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;

/**
 * What a parity volume protects, as its {@code parity.txt} says it: the package, how many data
 * volumes its set has, and for each its file's name, length and digest; and the parity's own
 * length and digest. A line per item, UTF-8, each line ended by a line feed:
 *
 * <pre>
 * Parity-Version: 1
 * Package-Identifier: archive-lan-backup-000007
 * Volume-Count: 3
 * Algorithm: sha256
 * Parity: 25000000512 9f86d08…(64 hex digits) parity.dat
 * Volume: 1 25000000512 2c26b46…(64 hex digits) archive-lan-backup-000007.v1-of-3.iso
 * Volume: 2 24999872000 fcde2b2…(64 hex digits) archive-lan-backup-000007.v2-of-3.iso
 * Volume: 3 1900544 baa5a0…(64 hex digits) archive-lan-backup-000007.v3-of-3.iso
 * </pre>
 *
 * @param packageId the package whose set this is
 * @param parity the parity file's length and digest (its name {@link #PARITY})
 * @param volumes every data volume, in order of number, one for each of the set
 */
public record ParityIndex(PackageId packageId, Entry parity, List<Entry> volumes) {
  /** The index's file name in a parity volume. */
  public static final String FILE = "parity.txt";
  /** The parity's file name in a parity volume. */
  public static final String PARITY = "parity.dat";
  /** The version of this layout, written first. */
  public static final int VERSION = 1;
  /** The digest algorithm of the index's lines. */
  public static final DigestAlgorithm ALGORITHM = DigestAlgorithm.SHA256;

  private static final Pattern ENTRY = Pattern.compile(
      "(?:(\\d{1,9}) )?(\\d{1,19}) ([0-9a-f]{64}) ([A-Za-z0-9][A-Za-z0-9._-]{0,254})");

  /**
   * One file the parity covers or is.
   *
   * @param number the volume's number in its set; 0 for the parity itself
   * @param name its file name on its medium
   * @param bytes its length
   * @param digest its digest
   */
  public record Entry(int number, String name, long bytes, Digest digest) {
    /** Checks the entry. */
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(digest, "digest");
      if (bytes < 0 || number < 0) {
        throw new IllegalArgumentException("a negative length or number");
      }
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,254}")) {
        throw new IllegalArgumentException("not a volume's file name: " + name);
      }
    }
  }

  /** Checks that the volumes are numbered 1 to their count and the parity long enough. */
  public ParityIndex {
    Objects.requireNonNull(packageId, "packageId");
    Objects.requireNonNull(parity, "parity");
    volumes = List.copyOf(volumes);
    if (volumes.size() < 2) {
      throw new IllegalArgumentException("a parity covers a set of at least 2 volumes");
    }
    for (int k = 1; k <= volumes.size(); k++) {
      Entry v = volumes.get(k - 1);
      if (v.number() != k) {
        throw new IllegalArgumentException("volume " + v.number() + " listed " + k + "th");
      }
      if (v.bytes() > parity.bytes()) {
        throw new IllegalArgumentException("volume " + k + " is longer than the parity");
      }
    }
  }

  /** Returns how many data volumes the set has. */
  public int count() {
    return volumes.size();
  }

  /** Returns volume {@code number}'s entry. */
  public Entry volume(int number) {
    if (number < 1 || number > volumes.size()) {
      throw new IllegalArgumentException("volume " + number + " is not one of 1.."
          + volumes.size());
    }
    return volumes.get(number - 1);
  }

  /** Writes the index into {@code file}. */
  public void write(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("Parity-Version: " + VERSION + "\n");
      w.write("Package-Identifier: " + packageId.value() + "\n");
      w.write("Volume-Count: " + volumes.size() + "\n");
      w.write("Algorithm: " + ALGORITHM.bagitName() + "\n");
      w.write("Parity: " + parity.bytes() + " " + parity.digest().hex() + " " + parity.name()
          + "\n");
      for (Entry v : volumes) {
        w.write("Volume: " + v.number() + " " + v.bytes() + " " + v.digest().hex() + " "
            + v.name() + "\n");
      }
    }
  }

  /**
   * Reads the index of the parity volume in {@code dir}.
   *
   * @throws PackageFormatException when {@code dir} holds none, or one that is malformed
   */
  public static ParityIndex read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new PackageFormatException(dir + " is not a parity volume: it holds no " + FILE);
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null && lines.size() <= 100_000;
          line = r.readLine()) {
        lines.add(line);
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new PackageFormatException(file + " is not UTF-8 text", e);
    }
    try {
      return parse(lines);
    } catch (IllegalArgumentException e) {
      throw new PackageFormatException(file + " is malformed: " + e.getMessage()
          + "; the parity volume cannot rebuild a volume", e);
    }
  }

  private static ParityIndex parse(List<String> lines) {
    if (lines.size() < 7) {
      throw new IllegalArgumentException("it has " + lines.size() + " lines, too few");
    }
    String version = value(lines.get(0), "Parity-Version");
    if (!version.equals(Integer.toString(VERSION))) {
      throw new IllegalArgumentException("Parity-Version " + version + " is not one this "
          + "version reads (" + VERSION + "); use a newer gapsync");
    }
    String id = value(lines.get(1), "Package-Identifier");
    if (!PackageId.isValid(id)) {
      throw new IllegalArgumentException("Package-Identifier " + id + " is not a package id");
    }
    int count = Integer.parseInt(value(lines.get(2), "Volume-Count"));
    if (!value(lines.get(3), "Algorithm").equals(ALGORITHM.bagitName())) {
      throw new IllegalArgumentException("its Algorithm is not " + ALGORITHM.bagitName());
    }
    Entry parity = entry(value(lines.get(4), "Parity"), false);
    if (lines.size() != 5 + count) {
      throw new IllegalArgumentException("Volume-Count is " + count + " but it lists "
          + (lines.size() - 5) + " volumes");
    }
    List<Entry> volumes = new ArrayList<>();
    for (String line : lines.subList(5, lines.size())) {
      volumes.add(entry(value(line, "Volume"), true));
    }
    return new ParityIndex(PackageId.of(id), parity, volumes);
  }

  private static String value(String line, String label) {
    String prefix = label + ": ";
    if (!line.startsWith(prefix)) {
      throw new IllegalArgumentException("expected '" + prefix + "…', found '"
          + (line.length() > 60 ? line.substring(0, 60) + "…" : line) + "'");
    }
    return line.substring(prefix.length());
  }

  private static Entry entry(String text, boolean isVolume) {
    Matcher m = ENTRY.matcher(text);
    if (!m.matches() || (m.group(1) != null) != isVolume) {
      throw new IllegalArgumentException("'" + text + "' is not "
          + (isVolume ? "NUMBER BYTES DIGEST NAME" : "BYTES DIGEST NAME"));
    }
    return new Entry(Optional.ofNullable(m.group(1)).map(Integer::parseInt).orElse(0),
        m.group(4), Long.parseLong(m.group(2)), new Digest(ALGORITHM, m.group(3)));
  }
}
