package org.gapsync.source.export;

import java.io.IOException;

/**
 * Signals a build refused because another command, on this workstation or another one that
 * shares the ledger, is building for the same destination: the two would take one sequence.
 */
public final class BuildInProgressException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code destination}. */
  public BuildInProgressException(String destination) {
    super("another build for " + destination + " is in progress on the shared ledger; wait "
        + "for it to finish and build again (its package takes the next sequence); nothing "
        + "was written");
  }
}
