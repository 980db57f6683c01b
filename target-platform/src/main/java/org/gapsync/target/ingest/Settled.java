package org.gapsync.target.ingest;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A package's outcome together with its receipt in the home's store, before delivery.
 *
 * @param outcome what became of the package
 * @param storedReceipt the receipt to write onto the medium, when there is one
 */
record Settled(ImportOutcome outcome, Optional<Path> storedReceipt) {
  static Settled withoutReceipt(ImportOutcome outcome) {
    return new Settled(outcome, Optional.empty());
  }

  /** Returns this with {@code note} appended to the outcome's message. */
  Settled noting(String note) {
    ImportOutcome o = outcome;
    return new Settled(new ImportOutcome(o.path(), o.packageId(), o.sourceId(), o.sequence(),
        o.kind(), o.message() + note, o.receipt(), o.checks(), o.records(), o.findings()),
        storedReceipt);
  }

  /** Returns this with the outcome's path {@code read} told as {@code shown}. */
  Settled shownAs(Path read, Path shown) {
    ImportOutcome o = outcome;
    return !o.path().equals(read) ? this : new Settled(new ImportOutcome(shown, o.packageId(),
        o.sourceId(), o.sequence(), o.kind(), o.message(), o.receipt(), o.checks(), o.records(),
        o.findings()), storedReceipt);
  }
}
