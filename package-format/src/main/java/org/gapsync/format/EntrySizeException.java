package org.gapsync.format;

/** Signals an entry that holds more bytes than it declares, or fewer (a truncated container). */
public final class EntrySizeException extends PackageFormatException {
  private static final long serialVersionUID = 1L;
  private final boolean isOverrun;

  /** Creates an exception; {@code isOverrun} tells more bytes from fewer. */
  public EntrySizeException(String message, boolean isOverrun) {
    super(message);
    this.isOverrun = isOverrun;
  }

  /** Returns whether the entry held more bytes than declared (rather than fewer). */
  public boolean isOverrun() {
    return isOverrun;
  }
}
