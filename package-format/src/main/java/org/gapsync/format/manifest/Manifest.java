package org.gapsync.format.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackagePath;

/**
 * A BagIt manifest: every listed file with its digest, in the order listed.
 *
 * @param algorithm the algorithm of every digest in it
 * @param entries the lines, each path at most once
 */
public record Manifest(DigestAlgorithm algorithm, List<ManifestEntry> entries) {
  /** Checks that paths are unique and digests match the algorithm. */
  public Manifest {
    Objects.requireNonNull(algorithm, "algorithm");
    entries = List.copyOf(entries);
    java.util.Set<PackagePath> seen = new java.util.HashSet<>();
    for (ManifestEntry e : entries) {
      if (!seen.add(e.path())) {
        throw new IllegalArgumentException("path listed twice: " + e.path());
      }
      if (e.digest().algorithm() != algorithm) {
        throw new IllegalArgumentException("not a " + algorithm + " digest: " + e);
      }
    }
  }

  /** Returns the manifest's file name: {@code manifest-sha256.txt} or the tag manifest's. */
  public static String fileName(DigestAlgorithm algorithm, boolean tag) {
    return (tag ? "tagmanifest-" : "manifest-") + algorithm.bagitName() + ".txt";
  }

  /** Returns the entries keyed by path, in listing order. */
  public Map<PackagePath, Digest> asMap() {
    Map<PackagePath, Digest> map = new LinkedHashMap<>();
    entries.forEach(e -> map.put(e.path(), e.digest()));
    return map;
  }

  /** Returns the digest listed for {@code path}, if it is listed. */
  public Optional<Digest> digestOf(PackagePath path) {
    return entries.stream().filter(e -> e.path().equals(path)).map(ManifestEntry::digest)
        .findFirst();
  }
}
