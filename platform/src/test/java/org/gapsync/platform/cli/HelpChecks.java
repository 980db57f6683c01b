package org.gapsync.platform.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What both applications' help tests check of every command: its options and parameters
 * described, its help ending with examples after the exit codes.
 */
public final class HelpChecks {
  private HelpChecks() {}

  /** Returns every command of {@code cli} that has no subcommands, as typed after the app. */
  public static List<String> leaves(CommandLine cli) {
    List<String> out = new ArrayList<>();
    collect(cli, cli.getCommandName(), out);
    return out;
  }

  private static void collect(CommandLine cli, String app, List<String> out) {
    if (cli.getSubcommands().isEmpty()) {
      out.add(cli.getCommandSpec().qualifiedName(" ").substring(app.length()).strip());
    }
    cli.getSubcommands().values().forEach(sub -> collect(sub, app, out));
  }

  /** Returns the command {@code command} (words after the app's name) of {@code cli}. */
  public static CommandLine command(CommandLine cli, String command) {
    CommandLine c = cli;
    for (String word : command.split(" ")) {
      c = c.getSubcommands().get(word);
    }
    return c;
  }

  /** Returns what is wrong with the help of {@code command}: nothing when all is well. */
  public static List<String> problems(CommandLine cli, String command) {
    CommandLine c = command(cli, command);
    List<String> problems = new ArrayList<>();
    for (ArgSpec arg : c.getCommandSpec().args()) {
      if (String.join(" ", arg.description()).isBlank()) {
        problems.add((arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel())
            + " has no description");
      }
    }
    String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
    int codes = help.indexOf("Exit codes:");
    int examples = help.indexOf("Examples:");
    if (codes < 0 || !help.contains(" 130 ")) {
      problems.add("no exit codes (with 130, interrupted)");
    }
    if (examples < codes || !help.substring(Math.max(0, examples)).contains(
        cli.getCommandName() + " " + command.split(" ")[0])) {
      problems.add("no examples after the exit codes");
    }
    return problems;
  }
}
