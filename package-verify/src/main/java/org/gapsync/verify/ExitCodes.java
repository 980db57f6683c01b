package org.gapsync.verify;

/** The exit codes of {@code package-verify}, as documented in {@code docs/cli.md}. */
public final class ExitCodes {
  /** The package or receipt is valid and signed by a trusted certificate. */
  public static final int VALID = 0;
  /** A bug: please report it with the output of {@code --verbose}. */
  public static final int INTERNAL = 1;
  /** The command line was wrong. */
  public static final int USAGE = 2;
  /** The package or receipt is invalid, or its signer is not trusted. */
  public static final int INVALID = 3;
  /** A file could not be read: the path, the medium or a certificate. */
  public static final int IO = 4;

  private ExitCodes() {}
}
