package org.gapsync.platform.cli;

import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/**
 * The conventions both applications' command lines follow: one {@code error:} line and a
 * documented exit code for every failure, stack traces and diagnostics only with
 * {@code --verbose}, enum values in any case.
 *
 * <pre>{@code
 * CommandLine cli = Conventions.apply(new CommandLine(root), () -> root.verbose);
 * }</pre>
 */
public final class Conventions {
  // Held here: java.util.logging keeps only weak references, and would forget the level.
  private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

  private Conventions() {}

  /** Sets the handlers of {@code cli}, reading the verbose flag once options are parsed. */
  public static CommandLine apply(CommandLine cli, BooleanSupplier verbose) {
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExitCodeExceptionMapper(ExitCodes::of);
    cli.setExecutionStrategy(parsed -> {
      configureLogging(verbose.getAsBoolean());
      return new CommandLine.RunLast().execute(parsed);
    });
    cli.setParameterExceptionHandler((e, args) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see --help)");
      return ExitCodes.USAGE;
    });
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("error: " + ExitCodes.message(e));
      if (verbose.getAsBoolean()) {
        e.printStackTrace(line.getErr());
      }
      return ExitCodes.of(e);
    });
    return cli;
  }

  private static void configureLogging(boolean verbose) {
    // Libraries report at INFO what is a diagnostic, not output: Flyway every migration.
    FLYWAY_LOG.setLevel(verbose ? Level.FINE : Level.SEVERE);
    Logger.getLogger("").setLevel(verbose ? Level.FINE : Level.WARNING);
  }

  /** Returns who runs the command: the operating system's user name. */
  public static String actor() {
    return System.getProperty("user.name", "unknown");
  }
}
