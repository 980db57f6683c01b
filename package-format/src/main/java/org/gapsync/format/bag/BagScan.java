package org.gapsync.format.bag;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gapsync.format.Fingerprints;
import org.gapsync.format.PackagePath;
import org.gapsync.format.UnsafePathException;
import org.gapsync.format.container.ContainerEntry;
import org.gapsync.format.container.ContainerReader;
import org.gapsync.format.container.EntryKind;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.format.validation.ValidationReport;

/**
 * What one pass over a container's entries finds: the tag files by path, how many payload files
 * there are and their bytes, and as findings every entry that is unsafe, a link, special,
 * duplicated or colliding. Payload files are not kept: each name is remembered only by the
 * {@link Fingerprints fingerprint} of its collision key, and only the few names whose
 * fingerprints repeat are looked at again, by name, in a second pass. Duplicated and colliding
 * files are left out, so nothing later reads them.
 */
final class BagScan {
  private final Map<PackagePath, ContainerEntry> tags;
  private final Set<PackagePath> excluded;
  private final long payloadFiles;
  private final long payloadBytes;

  private BagScan(Map<PackagePath, ContainerEntry> tags, Set<PackagePath> excluded,
      long payloadFiles, long payloadBytes) {
    this.tags = tags;
    this.excluded = excluded;
    this.payloadFiles = payloadFiles;
    this.payloadBytes = payloadBytes;
  }

  static BagScan of(ContainerReader reader, ValidationReport.Builder out) throws IOException {
    Map<PackagePath, ContainerEntry> tags = new TreeMap<>();
    Fingerprints keys = new Fingerprints();
    Set<Long> suspects = new HashSet<>();
    long[] payload = new long[2];
    reader.entries(entry -> {
      Optional<PackagePath> path = fileOf(entry, out);
      if (path.isEmpty()) {
        return;
      }
      long key = keys.of(path.get().collisionKey());
      if (!keys.add(key)) {
        suspects.add(key);
      }
      if (BagLayout.isPayload(path.get())) {
        payload[0]++;
        payload[1] += entry.size();
      } else {
        tags.putIfAbsent(path.get(), entry);
      }
    });
    if (suspects.isEmpty()) {
      return new BagScan(Collections.unmodifiableMap(tags), Set.of(), payload[0], payload[1]);
    }
    Map<PackagePath, long[]> sizes = new HashMap<>();
    Set<PackagePath> excluded = recheck(reader, keys, suspects, sizes, out);
    for (PackagePath p : excluded) {
      tags.remove(p);
      if (BagLayout.isPayload(p)) {
        payload[0] -= sizes.get(p)[0];
        payload[1] -= sizes.get(p)[1];
      }
    }
    return new BagScan(Collections.unmodifiableMap(tags), excluded, payload[0], payload[1]);
  }

  /**
   * Reads the entries again, looking by name at those whose collision keys' fingerprints
   * repeated: reports each name that appears twice or collides with another, and returns them,
   * telling {@code sizes} how many files and bytes each looked-at name has.
   */
  private static Set<PackagePath> recheck(ContainerReader reader, Fingerprints keys,
      Set<Long> suspects, Map<PackagePath, long[]> sizes, ValidationReport.Builder out)
      throws IOException {
    Set<PackagePath> files = new HashSet<>();
    Map<String, PackagePath> byKey = new HashMap<>();
    Set<PackagePath> duplicated = new HashSet<>();
    ValidationReport.Builder quiet = new ValidationReport.Builder();
    reader.entries(entry -> {
      Optional<PackagePath> found = fileOf(entry, quiet);
      if (found.isEmpty() || !suspects.contains(keys.of(found.get().collisionKey()))) {
        return;
      }
      PackagePath path = found.get();
      long[] size = sizes.computeIfAbsent(path, p -> new long[2]);
      size[0]++;
      size[1] += entry.size();
      // Parsing keeps the name as it is: a path seen before is the same name again.
      if (files.contains(path) || duplicated.contains(path)) {
        out.add(FindingCode.DUPLICATE_ENTRY, path.value(),
            "appears more than once in the container; which copy is meant is ambiguous");
        duplicated.add(path);
        return;
      }
      PackagePath earlier = byKey.putIfAbsent(path.collisionKey(), path);
      if (earlier != null) {
        out.add(FindingCode.NAME_COLLISION, path.value(), "differs from " + earlier
            + " only by letter case or Unicode normalization; they collide on many systems");
        duplicated.add(earlier);
        duplicated.add(path);
        return;
      }
      files.add(path);
    });
    return Collections.unmodifiableSet(duplicated);
  }

  /** Returns the checked path of a regular file entry; adds a finding for any other entry. */
  private static Optional<PackagePath> fileOf(ContainerEntry entry,
      ValidationReport.Builder out) {
    PackagePath path;
    try {
      path = PackagePath.parse(entry.name());
    } catch (UnsafePathException e) {
      out.add(FindingCode.UNSAFE_PATH, printable(entry.name()), e.getMessage());
      return Optional.empty();
    }
    switch (entry.kind()) {
      case DIRECTORY -> {
        return Optional.empty();
      }
      case SYMBOLIC_LINK, HARD_LINK -> {
        out.add(FindingCode.LINK_ENTRY, path.value(),
            "is a " + (entry.kind() == EntryKind.HARD_LINK ? "hard" : "symbolic")
                + " link; a package holds regular files only");
        return Optional.empty();
      }
      case SPECIAL -> {
        out.add(FindingCode.SPECIAL_ENTRY, path.value(),
            "is a device, fifo or other special file; a package holds regular files only");
        return Optional.empty();
      }
      case FILE -> {
        return Optional.of(path);
      }
      default -> throw new AssertionError(entry.kind());
    }
  }

  /** Returns the tag file at {@code path}, when the container holds it once. */
  Optional<ContainerEntry> tag(PackagePath path) {
    return Optional.ofNullable(tags.get(path));
  }

  /** Returns every tag file (every file outside the payload) held once, by path. */
  Map<PackagePath, ContainerEntry> tags() {
    return tags;
  }

  /**
   * Returns the payload file at {@code path}: looked up in the container again, and empty when
   * it is not a regular file or is one of the duplicated or colliding names.
   */
  Optional<ContainerEntry> payload(ContainerReader reader, PackagePath path)
      throws IOException {
    if (excluded.contains(path)) {
      return Optional.empty();
    }
    return reader.find(path.value()).filter(e -> e.kind() == EntryKind.FILE);
  }

  /** Returns whether {@code path} is one of the duplicated or colliding names. */
  boolean isExcluded(PackagePath path) {
    return excluded.contains(path);
  }

  /** Returns the number of payload files, the duplicated and colliding left out. */
  long payloadFiles() {
    return payloadFiles;
  }

  /** Returns the bytes of the payload files, the duplicated and colliding left out. */
  long payloadBytes() {
    return payloadBytes;
  }

  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f
        ? String.format("\\u%04x", c) : Character.toString(c)));
    return out.toString();
  }
}
