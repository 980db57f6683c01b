package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.HelpChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's help describes each of its options and parameters, says the defaults, and
 * ends with examples and the exit codes; mistyped commands get suggestions, and a target
 * command typed here is named as the target's.
 */
class HelpTest {
  @TempDir
  Path dir;

  static Stream<String> commands() {
    return HelpChecks.leaves(SourceCommand.commandLine(Fixtures.CLOCK, "wang.li")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyOptionIsDescribedAndEveryHelpEndsWithExamplesAndExitCodes(String command) {
    CommandLine cli = SourceCommand.commandLine(Fixtures.CLOCK, "wang.li");

    assertEquals(List.of(), HelpChecks.problems(cli, command), () -> HelpChecks.command(cli,
        command).getUsageMessage(CommandLine.Help.Ansi.OFF));
  }

  @Test
  void defaultsAreShown() {
    String help = HelpChecks.command(SourceCommand.commandLine(Fixtures.CLOCK, "wang.li"),
        "ledger query").getUsageMessage(CommandLine.Help.Ansi.OFF);

    assertTrue(help.replaceAll("\\s+", " ").contains("Default: table"), help);
  }

  private SourceCli.Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SourceCommand.commandLine(Fixtures.CLOCK, "wang.li");
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("--home", dir.resolve("home").toString()));
    all.addAll(List.of(args));
    return new SourceCli.Run(cli.execute(all.toArray(String[]::new)), out.toString(),
        err.toString());
  }

  @Test
  void aMistypedCommandOrOptionGetsSuggestions() {
    SourceCli.Run command = run("holdings", "scna", "/srv/holdings");
    SourceCli.Run option = run("queue", "--destinaton", "reading-room");

    assertEquals(ExitCodes.USAGE, command.code());
    assertTrue(command.err().contains("did you mean 'scan'?"), command.err());
    assertEquals(1, command.err().strip().lines().count(), command.err());
    assertEquals(ExitCodes.USAGE, option.code());
    assertTrue(option.err().contains("did you mean '--destination'?"), option.err());
  }

  @Test
  void aCommandOfTheTargetIsNamedAsTheTargets() {
    SourceCli.Run replica = run("replica", "verify");
    SourceCli.Run imports = run("package", "import", "/media/usb");

    assertEquals(ExitCodes.USAGE, replica.code());
    assertEquals("error: 'replica verify' is a command of target-platform, not of "
        + "source-platform: run 'target-platform replica verify' on its platform (see --help)",
        replica.err().strip());
    assertEquals(ExitCodes.USAGE, imports.code());
    assertTrue(imports.err().contains("'package import' is a command of target-platform"),
        imports.err());
  }
}
