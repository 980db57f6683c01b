package org.gapsync.target.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A package this target has seen.
 *
 * @param packageId its id
 * @param sourceId the source platform its header names
 * @param sequence its place in that source's order
 * @param previousPackageId the package before it, as its header says
 * @param state waiting, applied or rejected
 * @param isAuthentic whether its header is signed by the source it names, so its sequence counts
 * @param receivedAt when it was first imported
 * @param settledAt when it was applied or rejected
 * @param operator who imported it
 * @param recordCount the records its header lists
 * @param bytes its payload bytes
 * @param heldPath where a waiting package is kept in the home
 * @param receiptId the receipt written for it
 * @param receiptAt when that receipt was last written
 * @param detail why it was rejected, or what it did
 */
public record ReceivedPackage(String packageId, String sourceId, long sequence,
    Optional<String> previousPackageId, PackageState state, boolean isAuthentic,
    Instant receivedAt, Optional<Instant> settledAt, String operator, int recordCount,
    long bytes, Optional<String> heldPath, Optional<String> receiptId,
    Optional<Instant> receiptAt, String detail) {
  /** Checks that every part is present. */
  public ReceivedPackage {
    Objects.requireNonNull(packageId, "packageId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(previousPackageId, "previousPackageId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(settledAt, "settledAt");
    Objects.requireNonNull(heldPath, "heldPath");
    Objects.requireNonNull(receiptId, "receiptId");
    Objects.requireNonNull(receiptAt, "receiptAt");
    Objects.requireNonNull(detail, "detail");
  }
}
