package org.gapsync.target.ledger;

import java.time.Instant;
import org.gapsync.format.PackageId;

/**
 * A record of the replica.
 *
 * @param sourceId the source it came from
 * @param archivalId its archival id
 * @param folder its folder under the source's folder of the replica
 * @param version its version as last applied
 * @param isDeleted whether the last package deleted it
 * @param packageId the package that last changed it
 * @param updatedAt when that package was applied
 */
public record ReplicaRecord(String sourceId, String archivalId, String folder, long version,
    boolean isDeleted, PackageId packageId, Instant updatedAt) {}
