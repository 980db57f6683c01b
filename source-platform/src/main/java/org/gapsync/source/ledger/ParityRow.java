package org.gapsync.source.ledger;

import org.gapsync.format.Digest;
import org.gapsync.format.PackageId;

/**
 * The parity volume of a set: it carries no records, and rebuilds any one volume of the set
 * lost whole.
 *
 * @param packageId the package whose set it protects
 * @param count how many data volumes the set has
 * @param name its name on its medium, {@code ID.parity-of-N}
 * @param bytes the length of its file (its disc image, or its {@code parity.dat})
 * @param digest that file's digest
 * @param medium where it was written
 */
public record ParityRow(PackageId packageId, int count, PackageId name, long bytes,
    Digest digest, String medium) {}
