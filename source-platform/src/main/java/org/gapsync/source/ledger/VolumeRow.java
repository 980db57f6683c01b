package org.gapsync.source.ledger;

import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.Volume;

/**
 * One volume of a package written as a set of volumes.
 *
 * @param packageId the package
 * @param volume which volume of the set
 * @param recordCount how many records it carries
 * @param bytes the payload bytes it carries
 * @param medium where it was written
 * @param receiptId the receipt ingested for it, if any
 */
public record VolumeRow(PackageId packageId, Volume volume, int recordCount, long bytes,
    String medium, Optional<PackageId> receiptId) {}
