package org.gapsync.platform.access;

/**
 * Signals that the user running a command holds none of the roles it needs: the command did
 * nothing (exit code 5).
 */
public class NotPermittedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception saying who was refused what, and how to be granted it. */
  public NotPermittedException(String message) {
    super(message);
  }
}
