package org.gapsync.platform.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.gapsync.platform.access.NotPermittedException;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.ProcessUser;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.access.Users;
import org.gapsync.platform.home.PlatformKind;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParseResult;

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

  /**
   * Sets the handlers of {@code cli}, reading the verbose flag once options are parsed; every
   * command run (other than a request for help) ends with {@code root}'s audit event.
   */
  public static CommandLine apply(CommandLine cli, PlatformRoot root, BooleanSupplier verbose) {
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExitCodeExceptionMapper(ExitCodes::of);
    cli.setExecutionStrategy(parsed -> {
      configureLogging(verbose.getAsBoolean());
      return isHelp(parsed) ? new CommandLine.RunLast().execute(parsed) : audited(root, parsed);
    });
    cli.setParameterExceptionHandler((e, args) -> {
      e.getCommandLine().getErr().println("error: " + usageError(e) + " (see --help)");
      return ExitCodes.USAGE;
    });
    describeEveryCommand(cli, cli.getCommandSpec().usageMessage());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("error: " + ExitCodes.message(e));
      if (verbose.getAsBoolean()) {
        e.printStackTrace(line.getErr());
      }
      return ExitCodes.of(e);
    });
    return cli;
  }

  /**
   * Gives every command's help the exit codes of the application and the default of every
   * option that has one.
   */
  private static void describeEveryCommand(CommandLine cli, UsageMessageSpec root) {
    UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
    usage.showDefaultValues(true);
    if (usage.exitCodeList().isEmpty()) {
      usage.exitCodeListHeading(root.exitCodeListHeading()).exitCodeList(root.exitCodeList());
    }
    cli.getSubcommands().values().forEach(sub -> describeEveryCommand(sub, root));
  }

  /**
   * Returns the one-line message for a command line picocli could not parse: a command of the
   * other application is named as such, and a mistyped option or command gets picocli's
   * suggestions.
   */
  static String usageError(CommandLine.ParameterException e) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
      return e.getMessage();
    }
    CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
    String app = spec.root().name();
    List<String> words = new java.util.ArrayList<>(List.of(spec.qualifiedName(" ")
        .substring(app.length()).strip().split(" ")));
    words.removeIf(String::isEmpty);
    words.addAll(u.getUnmatched());
    for (PlatformKind other : PlatformKind.values()) {
      if (other.command().equals(app) || words.isEmpty()) {
        continue;
      }
      // Commands are at most two words deep: "receipt ingest", "package import".
      boolean isSecondAWord = words.size() > 1 && words.get(1).matches("[a-z][a-z-]*");
      String two = isSecondAWord ? words.get(0) + " " + words.get(1) : "";
      String typed = other.ownCommands().contains(two)
          || other.ownCommands().contains(words.get(0)) && isSecondAWord ? two
          : other.ownCommands().contains(words.get(0)) ? words.get(0) : "";
      if (!typed.isEmpty()) {
        return "'" + typed + "' is a command of " + other.command() + ", not of " + app
            + ": run '" + other.command() + " " + typed + "' on its platform";
      }
    }
    List<String> suggestions = u.getSuggestions();
    if (suggestions.isEmpty()) {
      return e.getMessage();
    }
    return e.getMessage() + "; did you mean " + suggestions.stream().map(s -> "'" + s + "'")
        .collect(Collectors.joining(" or ")) + "?";
  }

  private static boolean isHelp(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
        return true;
      }
    }
    return !parsed.hasSubcommand();
  }

  /** Runs the command, then appends its audit event, whatever its outcome. */
  private static int audited(PlatformRoot root, ParseResult parsed) {
    StringBuilder action = new StringBuilder();
    for (ParseResult p = parsed.subcommand(); p != null; p = p.subcommand()) {
      action.append(action.length() == 0 ? "" : " ").append(p.commandSpec().name());
    }
    int code;
    String details = "";
    RuntimeException failure = null;
    try (Interruption.Watch watch = watch(root, action.toString(), parsed);
        EarlyStart.Started early = startEarly(parsed)) {
      warnOfExposedKeys(root, parsed.commandSpec().commandLine());
      refuseWritesToAReadOnlyHome(root, parsed);
      permit(root, parsed);
      code = new CommandLine.RunLast().execute(parsed);
    } catch (CommandLine.ExecutionException | CommandLine.ParameterException e) {
      // A command's own usage errors (ParameterException) are refusals to audit too.
      failure = e;
      Throwable cause = e instanceof CommandLine.ExecutionException ? e.getCause() : e;
      code = ExitCodes.of(cause);
      details = ExitCodes.message(cause);
    } catch (OutOfMemoryError e) {
      // Unwound, the command's data is garbage: there is room again to say so and audit it.
      IOException full = outOfMemory(e);
      failure = new CommandLine.ExecutionException(leaf(parsed).commandSpec().commandLine(),
          full.getMessage(), full);
      code = ExitCodes.of(full);
      details = full.getMessage();
    }
    try {
      boolean isRecorded = root.finish(action.toString(), String.join(" ",
          parsed.originalArgs()), ExitCodes.outcome(code), details);
      if (!isRecorded && root.home().isOwnKind()) {
        parsed.commandSpec().commandLine().getErr().println("note: the home " + root.home()
            .root() + " is read-only: this run could not be recorded in its audit trail");
      }
    } catch (java.io.IOException | RuntimeException e) {
      parsed.commandSpec().commandLine().getErr().println("error: the audit event of '"
          + action + "' could not be written: " + e.getMessage() + "; check the ledger");
      if (failure == null) {
        return ExitCodes.IO;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return code;
  }

  private static IOException outOfMemory(OutOfMemoryError e) {
    long mib = Runtime.getRuntime().maxMemory() >> 20;
    return new IOException("out of memory: the Java heap (at most " + mib + " MiB) is full; "
        + "run the command again with a larger one, e.g. GAPSYNC_JAVA_OPTS=-Xmx" + Math.max(1,
        (mib * 4 + 1023) / 1024) + "g", e);
  }

  /** Watches for Ctrl-C and SIGTERM while an {@link Interruptible} command runs. */
  private static Interruption.Watch watch(PlatformRoot root, String action, ParseResult parsed) {
    return leaf(parsed).commandSpec().userObject() instanceof Interruptible i
        ? root.interruption().watch(action, i.whenInterrupted(),
            parsed.commandSpec().commandLine().getErr())
        : () -> { };
  }

  private static EarlyStart.Started startEarly(ParseResult parsed) {
    return leaf(parsed).commandSpec().userObject() instanceof EarlyStart e ? e.startEarly()
        : () -> { };
  }

  private static ParseResult leaf(ParseResult parsed) {
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    return leaf;
  }

  /**
   * Checks that the user holds a role the command is {@link Permitted} to, once the home has a
   * ledger to hold roles.
   *
   * @throws CommandLine.ExecutionException with a {@link NotPermittedException} if not
   */
  private static void permit(PlatformRoot root, ParseResult parsed) {
    ParseResult leaf = leaf(parsed);
    Permitted permitted = leaf.commandSpec().userObject().getClass()
        .getAnnotation(Permitted.class);
    CommandLine cli = leaf.commandSpec().commandLine();
    if (permitted == null || !root.home().isInitialized()) {
      return;
    }
    Set<Role> needed = EnumSet.copyOf(Arrays.asList(permitted.value()));
    Set<Role> held;
    boolean isFirstGrant = false;
    try {
      var ledger = root.ledger(cli);
      held = Users.of(ledger).roles(root.actor());
      // A home made before roles existed has no users: its first grant is open to whoever may
      // write the home, as init is.
      if (held.isEmpty() && leaf.commandSpec().userObject() instanceof UserCommand.Add) {
        isFirstGrant = Users.of(ledger).all().isEmpty();
      }
    } catch (java.io.IOException e) {
      throw new CommandLine.ExecutionException(cli, e.getMessage(), e);
    }
    if (!isFirstGrant && held.stream().noneMatch(needed::contains)) {
      String actor = root.actor();
      String action = leaf.commandSpec().qualifiedName(" ").replaceFirst("^\\S+ ", "");
      throw new CommandLine.ExecutionException(cli, "", new NotPermittedException("user "
          + actor + " may not run '" + action + "': it needs the " + labels(needed)
          + " role (" + actor + (held.isEmpty() ? " holds no role here" : " is "
          + labels(held)) + "); an admin grants one with 'user add " + actor + " --role "
          + needed.iterator().next().label() + "'"));
    }
  }

  private static boolean isReadOnly(org.gapsync.platform.home.PlatformHome home) {
    try {
      return home.ledger() instanceof org.gapsync.platform.ledger.LedgerLocation.Embedded e
          && org.gapsync.platform.ledger.Database.isReadOnly(e.folder());
    } catch (IOException e) {
      // The command says what is wrong with the home when it opens it.
      return false;
    }
  }

  /**
   * Refuses, before it starts, a command that would change a read-only home: only those marked
   * {@link ReadsOnly} run there.
   */
  private static void refuseWritesToAReadOnlyHome(PlatformRoot root, ParseResult parsed) {
    ParseResult leaf = leaf(parsed);
    var home = root.home();
    if (!home.isInitialized() || !isReadOnly(home)
        || leaf.commandSpec().userObject().getClass().isAnnotationPresent(ReadsOnly.class)) {
      return;
    }
    String action = leaf.commandSpec().qualifiedName(" ").replaceFirst("^\\S+ ", "");
    CommandLine cli = leaf.commandSpec().commandLine();
    throw new CommandLine.ExecutionException(cli, "", new IOException("the home "
        + home.root() + " is read-only (a copy for examination, or a read-only mount): '"
        + action + "' would change it; only commands that read run there, such as 'ledger "
        + "verify' and 'ledger query'"));
  }

  /** Says, on one line, which key files of the home others may read, and the fix. */
  private static void warnOfExposedKeys(PlatformRoot root, CommandLine cli) {
    try {
      if (!root.home().isInitialized()) {
        return;
      }
      List<Path> exposed = root.home().exposedKeys();
      if (!exposed.isEmpty()) {
        String files = exposed.stream().map(Path::toString).collect(Collectors.joining(" "));
        cli.getErr().println("warning: other users may read the signing key (" + files
            + "); run 'chmod 600 " + files + "'");
      }
    } catch (IOException e) {
      // The command itself reads the home and says what is wrong with it.
      System.getLogger(Conventions.class.getName()).log(System.Logger.Level.DEBUG,
          "cannot check the key files' permissions", e);
    }
  }

  private static String labels(Set<Role> roles) {
    return roles.stream().map(Role::label).collect(Collectors.joining(" or "));
  }

  private static void configureLogging(boolean verbose) {
    // Libraries report at INFO what is a diagnostic, not output: Flyway every migration.
    FLYWAY_LOG.setLevel(verbose ? Level.FINE : Level.SEVERE);
    Logger.getLogger("").setLevel(verbose ? Level.FINE : Level.WARNING);
  }

  /**
   * Returns the application and its version, as documents it writes name their software:
   * {@code source-platform 0.1.0}.
   */
  public static String software(CommandSpec spec) {
    return spec.root().name() + " " + String.join(" ", spec.root().version())
        .replaceFirst("^gapsync ", "");
  }

  /**
   * Ends the process with {@code code}, as an application's {@code main} does after
   * {@link #run}. A run that Ctrl-C or SIGTERM stopped ends while the operating system's
   * request is shutting the process down: the process then ends as that request's hooks
   * return, with the signal's status (130 for SIGINT, 143 for SIGTERM), which a second exit
   * would otherwise race to replace.
   */
  public static void exit(int code) {
    if (isShuttingDown()) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    System.exit(code);
  }

  private static boolean isShuttingDown() {
    Thread probe = new Thread(() -> { }, "gapsync-shutdown-probe");
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /**
   * Runs an application's command line as the operating system's user of this process and
   * returns the exit code; when the operating system names no user, says so and returns
   * {@link ExitCodes#IO} without running anything.
   *
   * @param commandLine makes the application's command line for the acting user
   */
  public static int run(String[] args, Function<String, CommandLine> commandLine) {
    String actor;
    try {
      actor = ProcessUser.name();
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCodes.IO;
    }
    CommandLine cli = commandLine.apply(actor);
    Interruption interruption = ((PlatformRoot) cli.getCommand()).interruption();
    int code = cli.execute(args);
    if (interruption.isRequested() && code == ExitCodes.OK) {
      cli.getErr().println("note: interrupted as it finished: its result above stands");
    }
    cli.getErr().flush();
    cli.getOut().flush();
    // The process is ending with the signal's code: the stop need not wait any longer.
    interruption.finished();
    return code;
  }
}
