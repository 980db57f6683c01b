package org.gapsync.source.ledger;

import java.time.Instant;
import java.util.Optional;
import org.gapsync.format.PackageId;

/**
 * The sync of one record version to one destination.
 *
 * @param archivalId the record
 * @param destination the destination
 * @param version the record's version
 * @param change add, modify or delete, as last planned
 * @param state where it stands
 * @param packageId the package that last carried it, if any
 * @param attempts how many packages have carried it
 * @param lastFailure why it last failed, if it did
 * @param updatedAt when it last changed
 */
public record SyncRow(String archivalId, String destination, long version, String change,
    SyncState state, Optional<PackageId> packageId, int attempts, Optional<String> lastFailure,
    Instant updatedAt) {}
