package org.gapsync.target.ledger;

import java.time.Instant;
import org.gapsync.format.PackageId;

/**
 * A record found damaged in the replica, and the report that told its source.
 *
 * @param sourceId the source that sent it
 * @param archivalId its archival id
 * @param version the version the replica holds
 * @param damage what is wrong, one line per file
 * @param foundAt when the replica was re-read
 * @param reportId the damage report written for the source
 */
public record ReplicaDamage(String sourceId, String archivalId, long version, String damage,
    Instant foundAt, PackageId reportId) {}
