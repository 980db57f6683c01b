package org.gapsync.format;

import java.io.IOException;

/** Signals that a package, receipt or one of their documents is malformed or cannot be trusted. */
public class PackageFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what is wrong. */
  public PackageFormatException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the cause it was detected through. */
  public PackageFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
