package org.gapsync.target.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.Volume;
import org.gapsync.format.syncpackage.PackageHeader;

/**
 * A package this target has seen. Built with {@link #builder(PackageHeader, long)} from the
 * header it was read with, or {@link #toBuilder()} from a row.
 *
 * <pre>{@code
 * ReceivedPackage p = ReceivedPackage.builder(header, bytes).state(PackageState.WAITING)
 *     .received(now, "li.na").heldPath(held.toString()).detail("waiting for 7").build();
 * }</pre>
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
 * @param volumeOf when it is one volume of a set, the set's package id (its own id is then the
 *     volume's bag name) and which volume it is
 * @param created when its source built it, as its header says (absent in rows from before
 *     volumes)
 */
public record ReceivedPackage(PackageId packageId, String sourceId, long sequence,
    Optional<PackageId> previousPackageId, PackageState state, boolean isAuthentic,
    Instant receivedAt, Optional<Instant> settledAt, String operator, int recordCount,
    long bytes, Optional<String> heldPath, Optional<PackageId> receiptId,
    Optional<Instant> receiptAt, String detail, Optional<VolumeOf> volumeOf,
    Optional<Instant> created) {
  /**
   * The set a volume belongs to.
   *
   * @param packageId the package id the volumes of the set share
   * @param volume which volume of the set
   */
  public record VolumeOf(PackageId packageId, Volume volume) {}

  /** Checks that every part is present. */
  public ReceivedPackage {
    Objects.requireNonNull(packageId, "packageId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(previousPackageId, "previousPackageId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(settledAt, "settledAt");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(heldPath, "heldPath");
    Objects.requireNonNull(receiptId, "receiptId");
    Objects.requireNonNull(receiptAt, "receiptAt");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(volumeOf, "volumeOf");
    Objects.requireNonNull(created, "created");
  }

  /**
   * Returns a builder for the package {@code header} describes, carrying {@code bytes} of
   * payload: authentic, with no receipt yet and not held.
   */
  public static Builder builder(PackageHeader header, long bytes) {
    Builder b = new Builder();
    b.packageId = header.bagName();
    b.volumeOf = header.volume().map(v -> new VolumeOf(header.packageId(), v));
    b.created = Optional.of(header.created());
    b.sourceId = header.sourcePlatform();
    b.sequence = header.sequence();
    b.previousPackageId = header.previousPackageId();
    b.recordCount = header.records().size();
    b.bytes = bytes;
    return b;
  }

  /** Returns a builder holding every part of this package. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.packageId = packageId;
    b.sourceId = sourceId;
    b.sequence = sequence;
    b.previousPackageId = previousPackageId;
    b.state = state;
    b.isAuthentic = isAuthentic;
    b.receivedAt = receivedAt;
    b.settledAt = settledAt;
    b.operator = operator;
    b.recordCount = recordCount;
    b.bytes = bytes;
    b.heldPath = heldPath;
    b.receiptId = receiptId;
    b.receiptAt = receiptAt;
    b.detail = detail;
    b.volumeOf = volumeOf;
    b.created = created;
    return b;
  }

  /** Builds a {@link ReceivedPackage}; what is not set stays empty. */
  public static final class Builder {
    private PackageId packageId;
    private String sourceId;
    private long sequence;
    private Optional<PackageId> previousPackageId = Optional.empty();
    private PackageState state;
    private boolean isAuthentic = true;
    private Instant receivedAt;
    private Optional<Instant> settledAt = Optional.empty();
    private String operator;
    private int recordCount;
    private long bytes;
    private Optional<String> heldPath = Optional.empty();
    private Optional<PackageId> receiptId = Optional.empty();
    private Optional<Instant> receiptAt = Optional.empty();
    private String detail = "";
    private Optional<VolumeOf> volumeOf = Optional.empty();
    private Optional<Instant> created = Optional.empty();

    private Builder() {}

    /**
     * Names it as volume {@code volumeOf} of a set: its id is then the volume's bag name, and
     * it carries {@code records} records and {@code bytes} bytes of its own.
     */
    public Builder volume(VolumeOf volumeOf, int records, long bytes) {
      this.packageId = volumeOf.volume().bagName(volumeOf.packageId());
      this.volumeOf = Optional.of(volumeOf);
      this.recordCount = records;
      this.bytes = bytes;
      this.heldPath = Optional.empty();
      this.receiptId = Optional.empty();
      this.receiptAt = Optional.empty();
      return this;
    }

    /** Sets its state. */
    public Builder state(PackageState state) {
      this.state = state;
      return this;
    }

    /** Sets whether its header is signed by the source it names. */
    public Builder authentic(boolean isAuthentic) {
      this.isAuthentic = isAuthentic;
      return this;
    }

    /** Sets when it was first imported, and by whom. */
    public Builder received(Instant at, String operator) {
      this.receivedAt = at;
      this.operator = operator;
      return this;
    }

    /** Sets when it was applied or rejected. */
    public Builder settled(Instant at) {
      this.settledAt = Optional.of(at);
      return this;
    }

    /** Sets where a waiting package is kept. */
    public Builder heldPath(String path) {
      this.heldPath = Optional.of(path);
      return this;
    }

    /** Sets the receipt written for it, and when. */
    public Builder receipt(PackageId id, Instant at) {
      this.receiptId = Optional.of(id);
      this.receiptAt = Optional.of(at);
      return this;
    }

    /** Sets why it was rejected, or what it did. */
    public Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    /** Returns the package. */
    public ReceivedPackage build() {
      return new ReceivedPackage(packageId, sourceId, sequence, previousPackageId, state,
          isAuthentic, receivedAt, settledAt, operator, recordCount, bytes, heldPath,
          receiptId, receiptAt, detail, volumeOf, created);
    }
  }
}
