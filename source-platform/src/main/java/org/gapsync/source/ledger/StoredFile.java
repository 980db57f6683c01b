package org.gapsync.source.ledger;

/**
 * A file of a record as the ledger last saw it.
 *
 * @param path its path inside the record
 * @param size its size in bytes
 * @param modifiedNanos its modification time, in nanoseconds since the epoch
 * @param sha256 its digest
 */
public record StoredFile(String path, long size, long modifiedNanos, String sha256) {}
