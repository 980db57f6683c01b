package org.gapsync.platform.cli;

/** The exit codes of both applications, as documented in {@code docs/cli.md}. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A bug: rerun with {@code --verbose} and report the output. */
  public static final int INTERNAL = 1;
  /** The command line was wrong, or named something the ledger does not know. */
  public static final int USAGE = 2;
  /** A package, receipt, template or metadata failed verification. */
  public static final int INVALID = 3;
  /** The medium, the holdings, the home or the ledger could not be read or written. */
  public static final int IO = 4;
  /** The user holds none of the roles the command needs; nothing was done. */
  public static final int DENIED = 5;
  /**
   * A package bears the id of one applied before but differs from it; nothing was applied (a
   * warning: someone has another copy of that id).
   */
  public static final int DIFFERS = 6;
  /**
   * Stopped by Ctrl-C (SIGINT; SIGTERM ends the process with 143): what the command had not
   * committed is rolled back, and what it began writing is removed.
   */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** Returns the word the audit trail records for an exit code. */
  public static String outcome(int code) {
    return switch (code) {
      case OK -> "success";
      case USAGE -> "refused";
      case INVALID -> "failed";
      case IO -> "error";
      case DENIED -> "denied";
      case DIFFERS -> "warning";
      case INTERRUPTED -> "interrupted";
      default -> "bug";
    };
  }

  /** Returns the code for an exception that ended a command. */
  public static int of(Throwable e) {
    if (e instanceof org.gapsync.platform.access.NotPermittedException) {
      return DENIED;
    }
    if (e instanceof picocli.CommandLine.ParameterException
        || e instanceof org.gapsync.platform.UsageException) {
      return USAGE;
    }
    if (e instanceof org.gapsync.format.PackageFormatException) {
      return INVALID;
    }
    if (e instanceof java.util.concurrent.CancellationException) {
      return INTERRUPTED;
    }
    return e instanceof java.io.IOException ? IO : INTERNAL;
  }

  /** Returns the one-line message for an exception that ended a command. */
  public static String message(Throwable e) {
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return n.getFile() + ": " + (n.getReason() == null ? "no such file or folder"
          : n.getReason());
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException f) {
      return f.getFile() + ": " + (f.getReason() == null ? "already exists" : f.getReason());
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return a.getFile() + ": permission denied" + (a.getReason() == null ? ""
          : ": " + a.getReason());
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null
        && f.getReason().contains("No space")) {
      return f.getFile() + ": the medium is full; nothing was written under the final name";
    }
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
