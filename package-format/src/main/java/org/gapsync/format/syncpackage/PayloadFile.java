package org.gapsync.format.syncpackage;

import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.PayloadSource;

/**
 * A file to carry in a package.
 *
 * @param path its path inside the record
 * @param source where its bytes come from
 * @param expected the digest it must have (as the ledger knows it), checked while copying
 */
public record PayloadFile(PackagePath path, PayloadSource source, Optional<Digest> expected) {
  /** Checks that every part is present. */
  public PayloadFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(expected, "expected");
  }
}
