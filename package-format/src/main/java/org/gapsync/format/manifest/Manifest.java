package org.gapsync.format.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackagePath;

/**
 * A BagIt manifest: every listed file with its digest, in the order listed. Kept as one map,
 * since a manifest may list millions of files.
 */
public final class Manifest {
  private final DigestAlgorithm algorithm;
  private final Map<PackagePath, Digest> digests;

  /** Creates a manifest of {@code entries}; a path listed twice is refused. */
  public Manifest(DigestAlgorithm algorithm, List<ManifestEntry> entries) {
    this(algorithm, toMap(algorithm, entries));
  }

  Manifest(DigestAlgorithm algorithm, LinkedHashMap<PackagePath, Digest> digests) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.digests = Collections.unmodifiableMap(digests);
  }

  private static LinkedHashMap<PackagePath, Digest> toMap(DigestAlgorithm algorithm,
      List<ManifestEntry> entries) {
    LinkedHashMap<PackagePath, Digest> map = new LinkedHashMap<>();
    for (ManifestEntry e : entries) {
      if (e.digest().algorithm() != algorithm) {
        throw new IllegalArgumentException("not a " + algorithm + " digest: " + e);
      }
      if (map.put(e.path(), e.digest()) != null) {
        throw new IllegalArgumentException("path listed twice: " + e.path());
      }
    }
    return map;
  }

  /** Returns the manifest's file name: {@code manifest-sha256.txt} or the tag manifest's. */
  public static String fileName(DigestAlgorithm algorithm, boolean tag) {
    return (tag ? "tagmanifest-" : "manifest-") + algorithm.bagitName() + ".txt";
  }

  /** Returns the algorithm of every digest in it. */
  public DigestAlgorithm algorithm() {
    return algorithm;
  }

  /** Returns the lines, in listing order. */
  public List<ManifestEntry> entries() {
    List<ManifestEntry> entries = new ArrayList<>(digests.size());
    digests.forEach((p, d) -> entries.add(new ManifestEntry(p, d)));
    return entries;
  }

  /** Returns the digests keyed by path, in listing order; a view, not a copy. */
  public Map<PackagePath, Digest> asMap() {
    return digests;
  }

  /** Returns the digest listed for {@code path}, if it is listed. */
  public Optional<Digest> digestOf(PackagePath path) {
    return Optional.ofNullable(digests.get(path));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m && m.algorithm == algorithm
        && List.copyOf(m.digests.entrySet()).equals(List.copyOf(digests.entrySet()));
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, digests);
  }

  @Override
  public String toString() {
    return "Manifest[" + algorithm.bagitName() + ", " + digests.size() + " files]";
  }
}
