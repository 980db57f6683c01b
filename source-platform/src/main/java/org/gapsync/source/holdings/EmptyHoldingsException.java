package org.gapsync.source.holdings;

import java.io.IOException;
import java.nio.file.Path;

/** Thrown when a holdings root holds no record at all while the ledger knows live ones. */
public final class EmptyHoldingsException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code root}, where the ledger expected {@code known} records. */
  public EmptyHoldingsException(Path root, long known) {
    super(root + " holds no record, but the ledger knows " + known + "; nothing was changed. "
        + "Check that the holdings are mounted and ROOT is their root; if every record was "
        + "really removed, scan again with --allow-empty");
  }
}
