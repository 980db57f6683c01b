package org.gapsync.source.ledger;

import java.util.Locale;

/** Where the sync of one record version to one destination stands. */
public enum SyncState {
  /** Waiting to be put in a package. */
  PENDING,
  /** In a package written to a medium; no receipt yet. */
  EXPORTED,
  /** The destination's receipt shows exactly what the ledger expects. */
  CONFIRMED,
  /** The receipt differed, rejected it, or lacked it; it is queued again. */
  FAILED,
  /** An archivist gave up on it, or a newer version superseded it. */
  CANCELLED;

  /** Returns the lower-case name used in the ledger and in output. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the state with the given lower-case name. */
  public static SyncState of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
