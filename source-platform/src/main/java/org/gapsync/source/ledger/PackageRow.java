package org.gapsync.source.ledger;

import java.time.Instant;
import java.util.Optional;
import org.gapsync.format.PackageId;

/**
 * A package built for a destination.
 *
 * @param id the package id
 * @param destination the destination
 * @param sequence its sequence number
 * @param createdAt when it was built
 * @param operator who built it
 * @param bytes the payload bytes it carries
 * @param recordCount how many records it carries
 * @param medium where it was written
 * @param receiptId the receipt ingested for it, if any
 */
public record PackageRow(PackageId id, String destination, long sequence, Instant createdAt,
    String operator, long bytes, int recordCount, String medium, Optional<PackageId> receiptId) {}
