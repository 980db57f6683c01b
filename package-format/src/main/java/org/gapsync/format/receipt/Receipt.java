package org.gapsync.format.receipt;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gapsync.format.PackageId;
import org.gapsync.format.validation.Finding;

/**
 * A target's receipt for one sync package ({@code sync/receipt.xml}).
 *
 * @param receiptId the receipt's id
 * @param packageId the package it answers
 * @param sourcePlatform the platform that sent the package
 * @param targetPlatform the platform that imported it and signs this receipt
 * @param sequence the package's sequence number
 * @param imported when the package was imported
 * @param operator who imported it
 * @param outcome whether the package was accepted or rejected whole
 * @param findings every finding of the package's verification
 * @param checks the four-property checks, when made
 * @param records per record, what became of it and its state after apply
 */
public record Receipt(PackageId receiptId, PackageId packageId, String sourcePlatform,
    String targetPlatform, long sequence, Instant imported, String operator,
    PackageOutcome outcome, List<Finding> findings, List<PropertyCheck> checks,
    List<RecordResult> records) {
  /** Checks the parts and that each record appears once. */
  public Receipt {
    Objects.requireNonNull(receiptId, "receiptId");
    Objects.requireNonNull(packageId, "packageId");
    PackageId.of(sourcePlatform);
    PackageId.of(targetPlatform);
    imported = imported.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(outcome, "outcome");
    findings = List.copyOf(findings);
    checks = List.copyOf(checks);
    records = List.copyOf(records);
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence < 1: " + sequence);
    }
    Set<String> ids = new HashSet<>();
    records.forEach(r -> {
      if (!ids.add(r.archivalId())) {
        throw new IllegalArgumentException("record listed twice: " + r.archivalId());
      }
    });
  }
}
