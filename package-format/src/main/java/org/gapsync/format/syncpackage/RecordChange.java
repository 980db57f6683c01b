package org.gapsync.format.syncpackage;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gapsync.format.ArchivalId;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;

/**
 * One record's change as a package carries it.
 *
 * @param archivalId the record's archival id
 * @param change add, modify or delete
 * @param version the record's version after the change, from 1
 * @param folder the record's folder under {@code data/} in this package
 * @param files each file added or changed, by its path inside the record
 * @param removed paths inside the record that the target must delete
 */
public record RecordChange(String archivalId, ChangeKind change, long version, String folder,
    List<FileState> files, List<PackagePath> removed) {
  /** Checks the parts, and that a deletion carries no files and paths are not repeated. */
  public RecordChange {
    ArchivalId.check(archivalId);
    Objects.requireNonNull(change, "change");
    PackageId.of(folder);
    files = List.copyOf(files);
    removed = List.copyOf(removed);
    if (version < 1) {
      throw new IllegalArgumentException("version < 1: " + version);
    }
    if (change == ChangeKind.DELETE && !(files.isEmpty() && removed.isEmpty())) {
      throw new IllegalArgumentException("a deletion carries no files: " + archivalId);
    }
    Set<PackagePath> seen = new HashSet<>();
    for (FileState f : files) {
      if (!seen.add(f.path())) {
        throw new IllegalArgumentException(archivalId + ": file listed twice: " + f.path());
      }
    }
    for (PackagePath p : removed) {
      if (!seen.add(p)) {
        throw new IllegalArgumentException(archivalId + ": path both carried and removed, "
            + "or removed twice: " + p);
      }
    }
  }

  /** Returns where a file of this record lies in the package. */
  public PackagePath payloadPath(PackagePath file) {
    return new PackagePath("data/" + folder + "/" + file.value());
  }
}
