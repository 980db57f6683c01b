package org.gapsync.source.export;

import java.io.IOException;

/**
 * Signals that a file of the holdings is not as the last scan recorded it: it changed after
 * the scan, so the ledger cannot say what it is sending. The fix is to scan again.
 */
public final class HoldingsChangedException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception naming the file, chaining what found the change. */
  public HoldingsChangedException(String file, Throwable cause) {
    super(file + " changed since the last scan; run 'holdings scan' first, then build again "
        + "(nothing was written under the package's name, no record was marked exported)",
        cause);
  }
}
