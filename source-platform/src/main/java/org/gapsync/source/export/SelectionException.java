package org.gapsync.source.export;

import org.gapsync.platform.UsageException;

/** Signals a choice the ledger cannot honour: an unknown destination or record, or a record
 * its destination's template does not select. A usage error, not a failure. */
public class SelectionException extends UsageException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception saying what was chosen and what to do. */
  public SelectionException(String message) {
    super(message);
  }
}
