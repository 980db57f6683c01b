package org.gapsync.format;

/** Signals that bytes did not hash to the digest they were expected to have. */
public final class DigestMismatchException extends PackageFormatException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final Digest expected;
  private final Digest actual;

  /** Creates an exception for the file at {@code path}. */
  public DigestMismatchException(String path, Digest expected, Digest actual) {
    super(path + ": actual " + actual + " != expected " + expected);
    this.path = path;
    this.expected = expected;
    this.actual = actual;
  }

  /** Returns the path of the file whose digest differed. */
  public String path() {
    return path;
  }

  /** Returns the digest the file was expected to have. */
  public Digest expected() {
    return expected;
  }

  /** Returns the digest the file's bytes actually have. */
  public Digest actual() {
    return actual;
  }
}
