package org.gapsync.target.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.receipt.PropertyCheck;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.validation.Finding;

/**
 * What importing one package came to.
 *
 * @param path where the package was read from
 * @param packageId its id, when it could be read
 * @param sourceId the source its header names, when it could be read
 * @param sequence its sequence number, 0 when unknown
 * @param kind applied, rejected, waiting, duplicate or refused
 * @param message one line for the operator
 * @param receipt where its receipt was written, when one was
 * @param checks the four-property checks, when made
 * @param records what became of each record, when it was applied
 * @param findings what its verification found
 */
public record ImportOutcome(Path path, Optional<String> packageId, Optional<String> sourceId,
    long sequence, Kind kind, String message, Optional<Path> receipt,
    List<PropertyCheck> checks, List<RecordResult> records, List<Finding> findings) {
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
    REFUSED
  }

  /** Checks and copies the parts. */
  public ImportOutcome {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    checks = List.copyOf(checks);
    records = List.copyOf(records);
    findings = List.copyOf(findings);
  }

  /** Returns whether this outcome means something is wrong that someone must act on. */
  public boolean isFailure() {
    return kind == Kind.REJECTED || kind == Kind.REFUSED;
  }

  static ImportOutcome refused(Path path, Optional<String> packageId, String message,
      List<Finding> findings) {
    return new ImportOutcome(path, packageId, Optional.empty(), 0, Kind.REFUSED, message,
        Optional.empty(), List.of(), List.of(), findings);
  }
}
