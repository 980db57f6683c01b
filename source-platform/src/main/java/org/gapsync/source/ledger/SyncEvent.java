package org.gapsync.source.ledger;

import java.time.Instant;
import java.util.Optional;
import org.gapsync.format.PackageId;

/**
 * One state change of a record at a destination.
 *
 * @param at when
 * @param actor who (the OS user)
 * @param archivalId the record
 * @param destination the destination
 * @param version the record's version
 * @param state the state it entered
 * @param packageId the package concerned, if any
 * @param detail why, in words
 */
public record SyncEvent(Instant at, String actor, String archivalId, String destination,
    long version, SyncState state, Optional<PackageId> packageId, String detail) {}
