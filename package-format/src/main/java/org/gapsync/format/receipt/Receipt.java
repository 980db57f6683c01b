package org.gapsync.format.receipt;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gapsync.format.PackageId;
import org.gapsync.format.Volume;
import org.gapsync.format.WalkedList;
import org.gapsync.format.validation.Finding;

/**
 * A target's receipt for one sync package ({@code sync/receipt.xml}). A target builds one with
 * {@link #answering(PackageId, String, long)}, which names it after its package.
 *
 * <pre>{@code
 * Receipt r = Receipt.answering(header.packageId(), header.sourcePlatform(), header.sequence())
 *     .by("reading-room", clock.instant(), "li.na").outcome(PackageOutcome.ACCEPTED)
 *     .checks(checks).records(results).build();
 * }</pre>
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
 * @param volume the volume of the package it answers, when the package is a set of volumes:
 *     its records are then that volume's
 */
public record Receipt(PackageId receiptId, PackageId packageId, String sourcePlatform,
    String targetPlatform, long sequence, Instant imported, String operator,
    PackageOutcome outcome, List<Finding> findings, List<PropertyCheck> checks,
    List<RecordResult> records, Optional<Volume> volume) {
  /** Checks the parts and that each record appears once. */
  public Receipt {
    Objects.requireNonNull(receiptId, "receiptId");
    Objects.requireNonNull(packageId, "packageId");
    PackageId.of(sourcePlatform);
    PackageId.of(targetPlatform);
    imported = imported.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(volume, "volume");
    if (outcome == PackageOutcome.LOST && volume.isEmpty()) {
      throw new IllegalArgumentException("only a volume of a set is declared lost");
    }
    findings = List.copyOf(findings);
    checks = List.copyOf(checks);
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence < 1: " + sequence);
    }
    // A walked list is kept as it is: its maker has checked each record appears once.
    if (!(records instanceof WalkedList)) {
      records = List.copyOf(records);
      Set<String> ids = new HashSet<>();
      records.forEach(r -> {
        if (!ids.add(r.archivalId())) {
          throw new IllegalArgumentException("record listed twice: " + r.archivalId());
        }
      });
    }
  }

  /** Describes the receipt of a package written whole. */
  public Receipt(PackageId receiptId, PackageId packageId, String sourcePlatform,
      String targetPlatform, long sequence, Instant imported, String operator,
      PackageOutcome outcome, List<Finding> findings, List<PropertyCheck> checks,
      List<RecordResult> records) {
    this(receiptId, packageId, sourcePlatform, targetPlatform, sequence, imported, operator,
        outcome, findings, checks, records, Optional.empty());
  }

  /**
   * Returns a builder of the receipt answering volume {@code volume} of package
   * {@code packageId}, named after the volume's bag ({@link Volume#bagName}, then
   * {@link PackageId#receipt()}).
   */
  public static Builder answering(PackageId packageId, String sourcePlatform, long sequence,
      Volume volume) {
    Builder b = answering(packageId, sourcePlatform, sequence);
    b.receiptId = volume.bagName(packageId).receipt();
    b.volume = Optional.of(volume);
    return b;
  }

  /**
   * Returns a builder of the receipt answering package {@code packageId}, sequence
   * {@code sequence} from {@code sourcePlatform}, named {@link PackageId#receipt()}.
   */
  public static Builder answering(PackageId packageId, String sourcePlatform, long sequence) {
    Builder b = new Builder();
    b.receiptId = packageId.receipt();
    b.packageId = packageId;
    b.sourcePlatform = sourcePlatform;
    b.sequence = sequence;
    return b;
  }

  /** Returns a builder holding every part of this receipt. */
  public Builder toBuilder() {
    Builder b = answering(packageId, sourcePlatform, sequence).by(targetPlatform, imported,
        operator).outcome(outcome).findings(findings).checks(checks).records(records);
    b.receiptId = receiptId;
    b.volume = volume;
    return b;
  }

  /** Builds a {@link Receipt}; the lists not set stay empty. */
  public static final class Builder {
    private PackageId receiptId;
    private PackageId packageId;
    private String sourcePlatform;
    private String targetPlatform;
    private long sequence;
    private Instant imported;
    private String operator;
    private PackageOutcome outcome;
    private List<Finding> findings = List.of();
    private List<PropertyCheck> checks = List.of();
    private List<RecordResult> records = List.of();
    private Optional<Volume> volume = Optional.empty();

    private Builder() {}

    /** Sets the target that imported the package, when, and who did. */
    public Builder by(String targetPlatform, Instant imported, String operator) {
      this.targetPlatform = targetPlatform;
      this.imported = imported;
      this.operator = operator;
      return this;
    }

    /** Sets whether the package was accepted or rejected whole. */
    public Builder outcome(PackageOutcome outcome) {
      this.outcome = outcome;
      return this;
    }

    /** Sets the findings of the package's verification. */
    public Builder findings(List<Finding> findings) {
      this.findings = findings;
      return this;
    }

    /** Sets the four-property checks. */
    public Builder checks(List<PropertyCheck> checks) {
      this.checks = checks;
      return this;
    }

    /** Sets what became of each record. */
    public Builder records(List<RecordResult> records) {
      this.records = records;
      return this;
    }

    /** Returns the receipt, checked as the constructor checks it. */
    public Receipt build() {
      return new Receipt(receiptId, packageId, sourcePlatform, targetPlatform, sequence,
          imported, operator, outcome, findings, checks, records, volume);
    }
  }
}
