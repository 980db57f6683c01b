package org.gapsync.format.bag;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gapsync.format.PackagePath;
import org.gapsync.format.UnsafePathException;
import org.gapsync.format.container.ContainerEntry;
import org.gapsync.format.container.EntryKind;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.format.validation.ValidationReport;

/**
 * The regular files of a container by checked path. Entries that are unsafe, links, special,
 * duplicated or colliding become findings and are left out, so nothing later reads them.
 */
final class BagIndex {
  private final Map<PackagePath, ContainerEntry> files;

  private BagIndex(Map<PackagePath, ContainerEntry> files) {
    this.files = files;
  }

  static BagIndex of(Iterable<ContainerEntry> entries, ValidationReport.Builder out) {
    Map<PackagePath, ContainerEntry> files = new TreeMap<>();
    Map<String, PackagePath> keys = new HashMap<>();
    Set<PackagePath> duplicated = new HashSet<>();
    for (ContainerEntry entry : entries) {
      PackagePath path;
      try {
        path = PackagePath.parse(entry.name());
      } catch (UnsafePathException e) {
        out.add(FindingCode.UNSAFE_PATH, printable(entry.name()), e.getMessage());
        continue;
      }
      switch (entry.kind()) {
        case DIRECTORY -> {
          continue;
        }
        case SYMBOLIC_LINK, HARD_LINK -> {
          out.add(FindingCode.LINK_ENTRY, path.value(),
              "is a " + (entry.kind() == EntryKind.HARD_LINK ? "hard" : "symbolic")
                  + " link; a package holds regular files only");
          continue;
        }
        case SPECIAL -> {
          out.add(FindingCode.SPECIAL_ENTRY, path.value(),
              "is a device, fifo or other special file; a package holds regular files only");
          continue;
        }
        case FILE -> { }
        default -> throw new AssertionError(entry.kind());
      }
      // Parsing keeps the name as it is: a path seen before is the same name again.
      if (files.containsKey(path) || duplicated.contains(path)) {
        out.add(FindingCode.DUPLICATE_ENTRY, path.value(),
            "appears more than once in the container; which copy is meant is ambiguous");
        duplicated.add(path);
        continue;
      }
      PackagePath earlier = keys.putIfAbsent(path.collisionKey(), path);
      if (earlier != null) {
        out.add(FindingCode.NAME_COLLISION, path.value(), "differs from " + earlier
            + " only by letter case or Unicode normalization; they collide on many systems");
        duplicated.add(earlier);
        continue;
      }
      files.put(path, entry);
    }
    duplicated.forEach(files::remove);
    return new BagIndex(files);
  }

  Optional<ContainerEntry> get(PackagePath path) {
    return Optional.ofNullable(files.get(path));
  }

  Map<PackagePath, ContainerEntry> files() {
    return files;
  }

  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f
        ? String.format("\\u%04x", c) : Character.toString(c)));
    return out.toString();
  }
}
