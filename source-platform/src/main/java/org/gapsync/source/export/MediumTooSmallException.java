package org.gapsync.source.export;

import java.io.IOException;

/** Signals a package that would not fit the room allowed on the medium. */
public final class MediumTooSmallException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with the package's size and the limit. */
  public MediumTooSmallException(String destination, long bytes, long max) {
    super("the package for " + destination + " would carry " + bytes + " bytes, more than "
        + "--max-bytes " + max + "; nothing was written: choose fewer records with --records "
        + "or a larger medium");
  }
}
