package org.gapsync.platform;

/**
 * Signals a request the platform cannot honour as asked, such as an unknown destination or
 * record: a usage error (exit code 2), not a failure of data or environment.
 */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception saying what was asked and what to do instead. */
  public UsageException(String message) {
    super(message);
  }
}
