package org.gapsync.target.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
 * Every target command's help describes each option and parameter and ends with examples and
 * the exit codes; a source command typed here is named as the source's.
 */
class HelpTest {
  @TempDir
  Path dir;

  static Stream<String> commands() {
    return HelpChecks.leaves(TargetCommand.commandLine(Fixtures.CLOCK, "zhao.min")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyOptionIsDescribedAndEveryHelpEndsWithExamplesAndExitCodes(String command) {
    CommandLine cli = TargetCommand.commandLine(Fixtures.CLOCK, "zhao.min");

    assertEquals(List.of(), HelpChecks.problems(cli, command), () -> HelpChecks.command(cli,
        command).getUsageMessage(CommandLine.Help.Ansi.OFF));
  }

  @Test
  void aCommandOfTheSourceIsNamedAsTheSources() throws Exception {
    TargetRig.Run r = new TargetRig(dir).run("receipt", "ingest", "/media/usb/receipts");

    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("'receipt ingest' is a command of source-platform, not of "
        + "target-platform: run 'source-platform receipt ingest' on its platform"), r.err());
  }
}
