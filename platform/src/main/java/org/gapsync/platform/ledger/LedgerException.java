package org.gapsync.platform.ledger;

import java.io.IOException;

/** Signals that the ledger could not be opened, read or written. */
public final class LedgerException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception saying what failed, with its cause. */
  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
