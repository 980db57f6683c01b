package org.gapsync.platform.cli;

/**
 * A long command that Ctrl-C or SIGTERM stops at its check points ({@link
 * Interruption#check()}), leaving the ledger and the medium as a failure would; it says what
 * that state is.
 */
public interface Interruptible {
  /**
   * Returns what a stop of this command leaves, true at whatever point it comes, and what to
   * do next: "nothing of this scan was recorded; run 'holdings scan' again".
   */
  String whenInterrupted();
}
