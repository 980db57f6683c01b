package org.gapsync.platform.cli;

import org.gapsync.platform.home.PlatformHome;

/** The root command of an application, which knows the platform home its commands work on. */
public interface PlatformRoot {
  /** Returns the home chosen by {@code --home}, the environment or the default. */
  PlatformHome home();

  /**
   * Returns who runs the command: the operating system's name of the process's user, which the
   * role check and the audit trail use.
   */
  String actor();

  /** Returns the clock the commands read the time from. */
  java.time.Clock clock();

  /** Returns what Ctrl-C and SIGTERM ask of this command run: its check points call it. */
  Interruption interruption();

  /**
   * Returns the key's passphrase, from a file, the environment or a prompt (asked
   * {@code twice}); the caller closes it, which clears it.
   */
  Passphrase passphrase(picocli.CommandLine cli, boolean twice) throws java.io.IOException;

  /**
   * Returns the ledger of the home, opened once for the command run; closing it leaves it open
   * for the run's audit event.
   */
  org.gapsync.platform.ledger.Ledger<?> ledger(picocli.CommandLine cli)
      throws java.io.IOException;

  /**
   * Opens this application's ledger at {@code location}, not the home's: the one a
   * {@code ledger migrate} copies into. The caller closes it.
   */
  org.gapsync.platform.ledger.Ledger<?> ledgerAt(org.gapsync.platform.ledger.LedgerLocation
      location) throws java.io.IOException;

  /**
   * Closes the run's ledger until it is asked for again, so that the run's audit event goes to
   * wherever the home's ledger is by then.
   */
  void releaseLedger() throws java.io.IOException;

  /**
   * Ends a command run: appends its event to the audit trail of the home's ledger, when the home
   * has one, and closes the ledger the command used.
   *
   * @param action the command, such as {@code package build}
   * @param object its arguments as given
   * @param outcome how it ended: {@code success}, {@code refused}, {@code failed}, {@code error}
   *     or {@code bug}
   * @param details the error message, or empty
   * @return whether the event was written: not when the home has no ledger, or a read-only one
   * @throws java.io.IOException when the event could not be written
   */
  boolean finish(String action, String object, String outcome, String details)
      throws java.io.IOException;

  /** Returns the root command of the command line that {@code spec} belongs to. */
  static PlatformRoot of(picocli.CommandLine.Model.CommandSpec spec) {
    return (PlatformRoot) spec.root().userObject();
  }
}
