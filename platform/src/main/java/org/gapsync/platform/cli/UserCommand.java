package org.gapsync.platform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.access.ConsolePasswords;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.access.Users;
import org.gapsync.platform.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code user}: who may do what on this platform. */
@Command(name = "user", mixinStandardHelpOptions = true,
    description = "Users (operating-system user names) and their roles on this platform.",
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class,
        UserCommand.Password.class})
public final class UserCommand {
  /**
   * Makes the user who initialises the platform its admin, and returns the line that says so and
   * names the role of the platform's daily work.
   */
  public static String grantInitialAdmin(PlatformRoot root, Ledger<?> ledger)
      throws IOException {
    Users.of(ledger).grant(new Users.Grant(root.actor(), Role.ADMIN, root.clock().instant(),
        root.actor()));
    String daily = root.home().kind().roles().stream().filter(r -> r != Role.ADMIN
        && r != Role.AUDITOR).map(Role::label).findFirst().orElseThrow();
    return "user " + root.actor() + " is its admin; grant the daily work with 'user add "
        + "NAME --role " + daily + "' (the admin may be NAME too)";
  }

  /** {@code user add NAME --role ROLE}: grants a role. */
  @Permitted(Role.ADMIN)
  @Command(name = "add", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  ${ROOT-COMMAND-NAME} user add li.na --role auditor"},
      description = "Grants ROLE to the operating-system user NAME; repeat for more roles. "
          + "Roles: admin (keys, trust, destinations, templates, users), archivist (source: "
          + "scan, build, ingest), operator (target: import, status, replica), auditor "
          + "(read-only ledger and reports, audit seals).")
  public static final class Add implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The operating-system user name.")
    private String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "admin, archivist, operator or auditor.")
    private Role role;

    @Override
    public Integer call() throws Exception {
      PlatformRoot root = PlatformRoot.of(spec);
      var kind = root.home().kind();
      if (!kind.roles().contains(role)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--role " + role.label()
            + ": a " + kind.command() + " has the roles " + kind.roles().stream()
            .map(Role::label).collect(Collectors.joining(", ")));
      }
      if (name.isBlank() || name.length() > 128 || !name.strip().equals(name)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "NAME '" + name
            + "': give the operating-system user name as the user logs in");
      }
      boolean isNew = Users.of(root.ledger(spec.commandLine())).grant(new Users.Grant(name,
          role, root.clock().instant(), root.actor()));
      spec.commandLine().getOut().println(isNew ? "granted " + role.label() + " to " + name
          : name + " already holds " + role.label() + "; nothing changed");
      return ExitCodes.OK;
    }
  }

  /** {@code user password NAME}: sets the password a user signs in to the web console with. */
  @Permitted(Role.ADMIN)
  @Command(name = "password", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  ${ROOT-COMMAND-NAME} user password li.na",
          "  ${ROOT-COMMAND-NAME} user password li.na --password-file /root/li.na.pw"},
      description = "Sets the password NAME signs in to the web console with when it listens "
          + "beyond this machine ('console --bind'); replaces any password NAME had. NAME "
          + "must hold a role. Only a bcrypt hash of it is kept. At least "
          + ConsolePasswords.SHORTEST + " characters.")
  public static final class Password implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The user, as 'user list' names them.")
    private String name;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "Read the password from the file's first line (default: ask twice at "
            + "the terminal).")
    private Optional<Path> file;

    @Override
    public Integer call() throws Exception {
      PlatformRoot root = PlatformRoot.of(spec);
      Ledger<?> ledger = root.ledger(spec.commandLine());
      if (Users.of(ledger).roles(name).isEmpty()) {
        throw new UsageException("user '" + name + "' holds no role on this platform; grant "
            + "one first with 'user add " + name + " --role ROLE'");
      }
      boolean had;
      try (Passphrase password = Passphrase.secret(spec.commandLine(), file,
          "console password of " + name, "--password-file", true)) {
        Optional<String> problem = ConsolePasswords.problem(password.chars());
        if (problem.isPresent()) {
          throw new UsageException("the console password of " + name + " was not set: "
              + problem.get());
        }
        had = ConsolePasswords.of(ledger).set(name, password.chars(), root.clock().instant(),
            root.actor());
      }
      spec.commandLine().getOut().println((had ? "replaced" : "set") + " the console "
          + "password of " + name);
      return ExitCodes.OK;
    }
  }

  /** {@code user list}: every user and role. */
  @ReadsOnly
  @Permitted({Role.ADMIN, Role.AUDITOR})
  @Command(name = "list", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  ${ROOT-COMMAND-NAME} user list",
          "  ${ROOT-COMMAND-NAME} user list --format json"},
      description = "Lists every user with the roles granted, when and by whom.")
  public static final class ListUsers implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() throws Exception {
      List<Users.Grant> all = Users.of(PlatformRoot.of(spec).ledger(spec.commandLine())).all();
      PrintWriter out = spec.commandLine().getOut();
      try (Listing list = format.list(out, "user", "role", "granted", "by")) {
        for (Users.Grant g : all) {
          list.row(g.name(), g.role().label(), g.addedAt(), g.addedBy());
        }
      }
      return ExitCodes.OK;
    }
  }
}
