package org.gapsync.format.parity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.gapsync.format.Digest;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.container.Durability;

/**
 * Rebuilds the one volume of a set that is lost: the parity, with every other volume folded
 * out of it by exclusive or, is the lost volume's bytes. One pass over the parity and the other
 * volumes, read side by side; each is checked against its digest in the index, and the rebuilt
 * volume against its own, before it is given its name.
 */
public final class ParityRebuild {
  private ParityRebuild() {}

  /**
   * A volume rebuilt.
   *
   * @param file where it was written
   * @param volume what the index says of it: its number, name, length and digest
   * @param index the index of the set
   */
  public record Rebuilt(Path file, ParityIndex.Entry volume, ParityIndex index) {}

  /**
   * Rebuilds volume {@code lost} of the set whose parity volume is the folder {@code parity},
   * from {@code others}, the files of every other volume of the set (disc images, tar or zip
   * files, envelopes, or a disc read whole from its drive), into {@code out} under the volume's
   * own name. A file is told apart by its name, or by its length when it was renamed.
   *
   * @throws IllegalArgumentException when {@code lost} is not a volume of the set, or
   *     {@code others} are not exactly the others
   * @throws PackageFormatException when the parity or another volume is not as written
   */
  public static Rebuilt rebuild(Path parity, int lost, List<Path> others, Path out)
      throws IOException {
    ParityIndex index = ParityIndex.read(parity);
    if (lost < 1 || lost > index.count()) {
      throw new IllegalArgumentException("the set of " + index.packageId() + " has volumes 1 to "
          + index.count() + ", not " + lost);
    }
    Path data = parity.resolve(ParityIndex.PARITY);
    if (!Files.isRegularFile(data, LinkOption.NOFOLLOW_LINKS)
        || Files.size(data) != index.parity().bytes()) {
      throw new PackageFormatException(parity + ": its " + ParityIndex.PARITY + " is missing "
          + "or not " + index.parity().bytes() + " bytes long; the parity volume is damaged");
    }
    Map<Path, ParityIndex.Entry> sources = identify(index, lost, others);
    ParityIndex.Entry target = index.volume(lost);
    Path file = out.resolve(target.name());
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(file + " exists; name another folder to rebuild "
          + "volume " + lost + " into");
    }
    Path partial = out.resolve("." + target.name() + ".partial");
    Files.deleteIfExists(partial);
    try {
      fold(index, data, sources, target, partial);
      Durability.publishFile(partial, file);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    return new Rebuilt(file, target, index);
  }

  /** Tells which volume each file of {@code others} is; every one but {@code lost} once. */
  private static Map<Path, ParityIndex.Entry> identify(ParityIndex index, int lost,
      List<Path> others) throws IOException {
    Map<Path, ParityIndex.Entry> found = new LinkedHashMap<>();
    TreeSet<Integer> open = new TreeSet<>();
    for (int k = 1; k <= index.count(); k++) {
      if (k != lost) {
        open.add(k);
      }
    }
    for (Path p : others) {
      if (!Files.isReadable(p) || Files.isDirectory(p)) {
        throw new java.nio.file.NoSuchFileException(p.toString(), null, "not a readable file "
            + "(a volume's image, tar or zip file, or its disc's device)");
      }
      String name = p.getFileName().toString();
      Optional<ParityIndex.Entry> byName = index.volumes().stream()
          .filter(v -> v.name().equals(name)).findFirst();
      long size = Files.size(p);
      List<ParityIndex.Entry> bySize = index.volumes().stream().filter(v -> open.contains(
          v.number()) && v.bytes() == size).toList();
      ParityIndex.Entry e = byName.orElse(bySize.size() == 1 ? bySize.get(0) : null);
      if (e == null) {
        throw new IllegalArgumentException("cannot tell which volume of " + index.packageId()
            + " " + p + " is: give each volume under its name in the set (such as "
            + index.volume(lost == 1 ? 2 : 1).name() + ")");
      }
      if (e.number() == lost) {
        throw new IllegalArgumentException(p + " is volume " + lost + " itself, the one to "
            + "rebuild: give the other volumes");
      }
      if (!open.remove(e.number())) {
        throw new IllegalArgumentException("volume " + e.number() + " is given twice (" + p
            + ")");
      }
      found.put(p, e);
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException("volume" + (open.size() == 1 ? " " : "s ")
          + open.stream().map(String::valueOf).collect(Collectors.joining(", "))
          + " of " + index.packageId() + " missing: rebuilding volume " + lost + " takes the "
          + "parity and every other volume of the set, whole; a parity volume rebuilds one "
          + "lost volume, not more");
    }
    return found;
  }

  /**
   * Writes the parity with every other volume folded out into {@code partial}, reading each
   * source to its end (its length in the index) to check its digest.
   */
  private static void fold(ParityIndex index, Path data, Map<Path, ParityIndex.Entry> sources,
      ParityIndex.Entry target, Path partial) throws IOException {
    byte[] buffer = new byte[ParityAccumulator.CHUNK];
    byte[] read = new byte[ParityAccumulator.CHUNK];
    List<Source> open = new ArrayList<>();
    try (OutputStream w = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
      open.add(new Source(data, index.parity()));
      for (Map.Entry<Path, ParityIndex.Entry> s : sources.entrySet()) {
        open.add(new Source(s.getKey(), s.getValue()));
      }
      MessageDigest rebuilt = ParityIndex.ALGORITHM.newMessageDigest();
      for (long at = 0; at < index.parity().bytes(); at += ParityAccumulator.CHUNK) {
        int n = (int) Math.min(ParityAccumulator.CHUNK, index.parity().bytes() - at);
        open.get(0).read(buffer, n);
        for (Source s : open.subList(1, open.size())) {
          int m = s.read(read, n);
          for (int i = 0; i < m; i++) {
            buffer[i] ^= read[i];
          }
        }
        int keep = (int) Math.max(0, Math.min(n, target.bytes() - at));
        w.write(buffer, 0, keep);
        rebuilt.update(buffer, 0, keep);
      }
      for (Source s : open) {
        s.check();
      }
      Digest d = Digest.from(ParityIndex.ALGORITHM, rebuilt);
      if (!d.equals(target.digest())) {
        throw new PackageFormatException("the volume rebuilt, " + target.name() + ", has "
            + d + ", not " + target.digest() + " as written; "
            + "nothing was kept");
      }
    } finally {
      for (Source s : open) {
        s.in.close();
      }
    }
  }

  /** A file read for the rebuild, to its length in the index and no further. */
  private static final class Source {
    private final Path path;
    private final ParityIndex.Entry entry;
    private final InputStream in;
    private final MessageDigest md = ParityIndex.ALGORITHM.newMessageDigest();
    private long done;

    Source(Path path, ParityIndex.Entry entry) throws IOException {
      this.path = path;
      this.entry = entry;
      this.in = Files.newInputStream(path);
    }

    /** Reads the next up to {@code n} bytes, as many as its length has left. */
    int read(byte[] into, int n) throws IOException {
      int want = (int) Math.min(n, entry.bytes() - done);
      int got = in.readNBytes(into, 0, want);
      if (got < want) {
        throw new PackageFormatException(path + " ends after " + (done + got) + " bytes, but "
            + describe() + " is " + entry.bytes() + " bytes long; give it whole");
      }
      md.update(into, 0, got);
      done += got;
      return got;
    }

    void check() throws IOException {
      Digest d = Digest.from(ParityIndex.ALGORITHM, md);
      if (done != entry.bytes() || !d.equals(entry.digest())) {
        throw new PackageFormatException(path + " is not " + describe() + " as written (its "
            + "digest is " + d + ", not " + entry.digest() + ")"
            + (entry.number() == 0 ? "; the parity volume is damaged"
                : "; repair it first ('package repair') or give a good copy")
            + "; nothing was rebuilt");
      }
    }

    private String describe() {
      return entry.number() == 0 ? "the parity" : "volume " + entry.number() + " ("
          + entry.name() + ")";
    }
  }
}
