package org.gapsync.format.syncpackage;

import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.FileState;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.PayloadSource;

/**
 * A file to carry in a package, or the part of one larger than a volume.
 *
 * @param path its path inside the record
 * @param source where its bytes come from (for a part, the part's bytes alone)
 * @param expected the digest it must have (as the ledger knows it), checked while copying;
 *     empty for a part, whose digest is taken as it is copied
 * @param part for a part, which part of which file; empty for a file carried whole
 */
public record PayloadFile(PackagePath path, PayloadSource source, Optional<Digest> expected,
    Optional<Part> part) {
  /** Checks that every part is present. */
  public PayloadFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(part, "part");
  }

  /** Describes a file carried whole. */
  public PayloadFile(PackagePath path, PayloadSource source, Optional<Digest> expected) {
    this(path, source, expected, Optional.empty());
  }

  /**
   * Which part of a file larger than a volume a payload file is.
   *
   * @param number which part, from 1
   * @param count how many parts the file has
   * @param offset where in the file the part begins
   * @param whole the whole file: its path, size and digest
   */
  public record Part(int number, int count, long offset, FileState whole) {
    /** Checks the whole file is given. */
    public Part {
      Objects.requireNonNull(whole, "whole");
    }
  }
}
