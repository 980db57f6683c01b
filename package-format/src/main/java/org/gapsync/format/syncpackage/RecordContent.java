package org.gapsync.format.syncpackage;

import java.util.List;
import java.util.Objects;
import org.gapsync.format.ArchivalId;
import org.gapsync.format.PackagePath;

/**
 * One record's change to be written: the files to carry and the paths to remove.
 *
 * @param archivalId the record's archival id
 * @param change add, modify or delete
 * @param version the record's version after the change
 * @param files the files to carry (none for a deletion)
 * @param removed paths inside the record the target must delete
 * @param spans how many volumes of its set carry the record (1 but for a record with a file
 *     larger than a volume)
 */
public record RecordContent(String archivalId, ChangeKind change, long version,
    List<PayloadFile> files, List<PackagePath> removed, int spans) {
  /** Checks and copies the parts. */
  public RecordContent {
    ArchivalId.check(archivalId);
    Objects.requireNonNull(change, "change");
    files = List.copyOf(files);
    removed = List.copyOf(removed);
    if (spans < 1) {
      throw new IllegalArgumentException("spans " + spans);
    }
  }

  /** Describes a record carried whole by one package. */
  public RecordContent(String archivalId, ChangeKind change, long version,
      List<PayloadFile> files, List<PackagePath> removed) {
    this(archivalId, change, version, files, removed, 1);
  }
}
