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
    return new Settled(outcome.toBuilder().message(outcome.message() + note).build(),
        storedReceipt);
  }

  /** Returns this with the outcome's path {@code read} told as {@code shown}. */
  Settled shownAs(Path read, Path shown) {
    return !outcome.path().equals(read) ? this
        : new Settled(outcome.toBuilder().path(shown).build(), storedReceipt);
  }
}
