package org.gapsync.format.syncpackage;

import java.nio.file.Path;
import java.util.Objects;
import org.gapsync.format.Digest;

/**
 * A package as written: where it is, what it is, the digest of its header and the size of its
 * payload. The header itself is on the medium, not here: it may list millions of files.
 *
 * @param path the package on the medium, under its final name
 * @param spec the package's id, source, destination, sequence and the rest of its header
 * @param header the digest of its header document as written, which a read-back must match
 * @param manifest the digest of its tag manifest ({@code tagmanifest-sha256.txt}), which its
 *     signature signs and which covers every other byte of it: what its registration form
 *     names it by
 * @param records the number of records it carries
 * @param payloadBytes the bytes of payload it carries
 * @param payloadFiles the number of payload files it carries
 */
public record WrittenPackage(Path path, PackageSpec spec, Digest header, Digest manifest,
    long records, long payloadBytes, long payloadFiles) {
  /** Checks that every part is present. */
  public WrittenPackage {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(manifest, "manifest");
  }
}
