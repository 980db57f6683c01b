package org.gapsync.format.syncpackage;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * @param files each file added or changed, by its path inside the record, its whole size and
 *     digest (for a file carried in parts, the file's, not the part's)
 * @param removed paths inside the record that the target must delete
 * @param spans how many volumes of its set carry the record: 1, or for a record with a file
 *     larger than a volume, the volumes its files and parts are spread over (format 1.2)
 * @param parts for each file of {@code files} carried in parts, the part this package carries
 */
public record RecordChange(String archivalId, ChangeKind change, long version, String folder,
    List<FileState> files, List<PackagePath> removed, int spans,
    Map<PackagePath, FilePart> parts) {
  /** Checks the parts, and that a deletion carries no files and paths are not repeated. */
  public RecordChange {
    ArchivalId.check(archivalId);
    Objects.requireNonNull(change, "change");
    PackageId.of(folder);
    files = List.copyOf(files);
    removed = List.copyOf(removed);
    parts = Map.copyOf(parts);
    if (version < 1) {
      throw new IllegalArgumentException("version < 1: " + version);
    }
    if (spans < 1 || (spans == 1 && !parts.isEmpty())) {
      throw new IllegalArgumentException(archivalId + ": spans " + spans + " volumes with "
          + parts.size() + " file parts");
    }
    for (FileState f : files) {
      FilePart part = parts.get(f.path());
      if (part != null && part.end() > f.size()) {
        throw new IllegalArgumentException(archivalId + ": " + part + " ends beyond the "
            + f.size() + " bytes of " + f.path());
      }
    }
    if (!files.stream().map(FileState::path).collect(java.util.stream.Collectors.toSet())
        .containsAll(parts.keySet())) {
      throw new IllegalArgumentException(archivalId + ": a part of a file it does not list");
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

  /** Describes a change that one package carries whole, as every change before format 1.2. */
  public RecordChange(String archivalId, ChangeKind change, long version, String folder,
      List<FileState> files, List<PackagePath> removed) {
    this(archivalId, change, version, folder, files, removed, 1, Map.of());
  }

  /** Returns whether the record spans several volumes of its set. */
  public boolean isSpanning() {
    return spans > 1;
  }

  /** Returns the bytes of {@code file} this package carries: the whole file, or its part. */
  public long payloadSize(FileState file) {
    FilePart part = parts.get(file.path());
    return part == null ? file.size() : part.size();
  }

  /** Returns the digest of what this package carries of {@code file}: the file's or its part's. */
  public org.gapsync.format.Digest payloadDigest(FileState file) {
    FilePart part = parts.get(file.path());
    return part == null ? file.digest() : part.digest();
  }

  /** Returns where a file of this record lies in the package. */
  public PackagePath payloadPath(PackagePath file) {
    return new PackagePath("data/" + folder + "/" + file.value());
  }
}
