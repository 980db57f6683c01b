package org.gapsync.target.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.WalkedList;
import org.gapsync.format.receipt.PropertyCheck;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.validation.Finding;

/**
 * What importing one package came to. Built with {@link #builder(Path, Kind, String)}.
 *
 * <pre>{@code
 * ImportOutcome o = ImportOutcome.builder(path, Kind.APPLIED, "applied: 3 added")
 *     .of(header).checks(checks).records(records).build();
 * }</pre>
 *
 * @param path where the package was read from
 * @param packageId its id, when it could be read
 * @param sourceId the source its header names, when it could be read
 * @param sequence its sequence number, 0 when unknown
 * @param kind applied, rejected, waiting, duplicate or refused
 * @param message one line for the operator
 * @param receipt where its receipt was written, when one was (or, when it waits for missing
 *     packages, the gap notice that names them)
 * @param checks the four-property checks, when made
 * @param records what became of each record, when it was applied
 * @param findings what its verification found
 */
public record ImportOutcome(Path path, Optional<PackageId> packageId, Optional<String> sourceId,
    long sequence, Kind kind, String message, Optional<Path> receipt,
    List<PropertyCheck> checks, List<ImportedRecord> records, List<Finding> findings) {
  /** What became of a package. */
  public enum Kind {
    /** Verified, in order, and applied to the replica. */
    APPLIED,
    /** Failed verification; nothing applied; a rejecting receipt says why. */
    REJECTED,
    /** Verified, but kept until the package before it has been applied. */
    WAITING,
    /** Seen before; its original receipt was written again. */
    DUPLICATE,
    /**
     * Its id was seen before, but it is not the package settled under that id (it does not
     * verify, or its sequence, predecessor, records or bytes differ); nothing applied, the
     * original receipt written again.
     */
    DIFFERS,
    /** Not for this target, unreadable, or a replay: no receipt. */
    REFUSED,
    /** A volume of a set its operator declared lost: a receipt says so, nothing applied. */
    LOST
  }

  /** Checks and copies the parts. */
  public ImportOutcome {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(packageId, "packageId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(receipt, "receipt");
    checks = List.copyOf(checks);
    // A walked list, read from a file in the update's work folder, is kept as it is.
    records = records instanceof WalkedList ? records : List.copyOf(records);
    findings = List.copyOf(findings);
  }

  /** Returns how to name the package to the operator: its id, or its path when unread. */
  public String name() {
    return packageId.map(PackageId::value).orElse(path.toString());
  }

  /**
   * Returns what the file written back for this outcome ({@link #receipt()}) is: a receipt, or
   * for a package that waits for missing ones, the gap notice that names them.
   */
  public String returnedAs() {
    return kind == Kind.WAITING ? "gap notice" : "receipt";
  }

  /** Returns whether this outcome means something is wrong that someone must act on. */
  public boolean isFailure() {
    return kind == Kind.REJECTED || kind == Kind.REFUSED;
  }

  static ImportOutcome refused(Path path, Optional<PackageId> packageId, String message,
      List<Finding> findings) {
    Builder b = builder(path, Kind.REFUSED, message).findings(findings);
    b.packageId = packageId;
    return b.build();
  }

  /** Returns a builder of an outcome of the package at {@code path}, with nothing else known. */
  public static Builder builder(Path path, Kind kind, String message) {
    Builder b = new Builder();
    b.path = path;
    b.kind = kind;
    b.message = message;
    return b;
  }

  /** Returns a builder holding every part of this outcome. */
  public Builder toBuilder() {
    Builder b = builder(path, kind, message);
    b.packageId = packageId;
    b.sourceId = sourceId;
    b.sequence = sequence;
    b.receipt = receipt;
    b.checks = checks;
    b.records = records;
    b.findings = findings;
    return b;
  }

  /** Builds an {@link ImportOutcome}; what is not set stays empty. */
  public static final class Builder {
    private Path path;
    private Kind kind;
    private String message;
    private Optional<PackageId> packageId = Optional.empty();
    private Optional<String> sourceId = Optional.empty();
    private long sequence;
    private Optional<Path> receipt = Optional.empty();
    private List<PropertyCheck> checks = List.of();
    private List<ImportedRecord> records = List.of();
    private List<Finding> findings = List.of();

    private Builder() {}

    /** Sets the package: its id, source and sequence. */
    public Builder of(PackageId id, String source, long sequence) {
      this.packageId = Optional.of(id);
      this.sourceId = Optional.of(source);
      this.sequence = sequence;
      return this;
    }

    /** Sets the package that {@code header} describes. */
    public Builder of(PackageHeader header) {
      return of(header.packageId(), header.sourcePlatform(), header.sequence());
    }

    /** Sets where the package was read from. */
    public Builder path(Path path) {
      this.path = path;
      return this;
    }

    /** Sets the line for the operator. */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /** Sets where its receipt was written. */
    public Builder receipt(Path receipt) {
      this.receipt = Optional.of(receipt);
      return this;
    }

    /** Sets the four-property checks. */
    public Builder checks(List<PropertyCheck> checks) {
      this.checks = checks;
      return this;
    }

    /** Sets what became of each record. */
    public Builder records(List<ImportedRecord> records) {
      this.records = records;
      return this;
    }

    /** Sets what its verification found. */
    public Builder findings(List<Finding> findings) {
      this.findings = findings;
      return this;
    }

    /** Returns the outcome. */
    public ImportOutcome build() {
      return new ImportOutcome(path, packageId, sourceId, sequence, kind, message, receipt,
          checks, records, findings);
    }
  }
}
