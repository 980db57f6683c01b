package org.gapsync.target.ledger;

import org.gapsync.format.PackageId;

/**
 * A file of a replica record, as the ledger knows it.
 *
 * @param path its path inside the record
 * @param size its size in bytes
 * @param sha256 its SHA-256 digest in hex
 * @param packageId the package that brought these bytes
 */
public record ReplicaFile(String path, long size, String sha256, PackageId packageId) {}
