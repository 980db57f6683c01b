package org.gapsync.source.export;

import java.io.IOException;

/** Signals a package that would not fit the room allowed on the medium. */
public final class MediumTooSmallException extends IOException {
  private static final long serialVersionUID = 1L;

  private MediumTooSmallException(String message) {
    super(message);
  }

  /** Creates an exception with the package's size and the limit. */
  public MediumTooSmallException(String destination, long bytes, long max) {
    this("the package for " + destination + " would carry " + bytes + " bytes, more than "
        + "--max-bytes " + max + "; nothing was written: choose fewer records with --records "
        + "or a larger medium");
  }

  /** Signals a package whose payload alone exceeds the free space of the medium. */
  static MediumTooSmallException noRoom(String destination, java.nio.file.Path medium,
      long bytes, long free) {
    return new MediumTooSmallException("the package for " + destination + " would carry "
        + bytes + " bytes of records, but " + medium + " has only " + free + " bytes free; "
        + "nothing was written and no record was marked exported: free space on the medium, "
        + "use a larger one, or choose fewer records with --records");
  }
}
