package org.gapsync.source.export;

/**
 * A record version a destination still needs, and why.
 *
 * @param destination the destination
 * @param archivalId the record
 * @param version its version
 * @param change add, modify or delete as last planned
 * @param attempts packages that have carried it so far
 * @param reason why it is queued
 */
public record QueueEntry(String destination, String archivalId, long version, String change,
    int attempts, String reason) {}
