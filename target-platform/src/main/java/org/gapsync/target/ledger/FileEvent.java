package org.gapsync.target.ledger;

import java.time.Instant;
import org.gapsync.format.PackageId;

/**
 * What one package did to one file of a record.
 *
 * @param path the file's path inside the record
 * @param action {@code put} (added or replaced) or {@code removed}
 * @param sha256 the digest put, empty for a removal
 * @param packageId the package
 * @param at when it was applied
 */
public record FileEvent(String path, String action, String sha256, PackageId packageId,
    Instant at) {}
