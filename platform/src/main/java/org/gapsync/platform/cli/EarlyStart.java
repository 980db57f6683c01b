package org.gapsync.platform.cli;

/**
 * A command that starts read-only work before its user's role is checked, so that the two
 * overlap: the check opens the ledger, which takes a good part of a second, and a holdings
 * scan can walk the tree meanwhile. What was started is closed once the command has run or
 * been refused.
 */
public interface EarlyStart {
  /** What a command started early. */
  @FunctionalInterface
  interface Started extends AutoCloseable {
    /** Stops what was started, if it still runs. */
    @Override
    void close();
  }

  /**
   * Starts the work; it must only read, and may not report errors: those are the command's
   * to report once it runs.
   */
  Started startEarly();
}
