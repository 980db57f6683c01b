package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.gapsync.platform.home.PlatformKind;
import org.gapsync.source.cli.SourceCommand;
import org.gapsync.target.cli.TargetCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The commands each kind of platform names as its own, for telling a user who typed one to the
 * other application where it belongs, are the applications' real commands.
 */
class OwnCommandsTest {
  private static CommandLine find(CommandLine cli, String command) {
    CommandLine c = cli;
    for (String word : command.split(" ")) {
      c = c == null ? null : c.getSubcommands().get(word);
    }
    return c;
  }

  @Test
  void eachKindsOwnCommandsAreItsApplicationsAndNotTheOthers() {
    CommandLine source = SourceCommand.commandLine(java.time.Clock.systemUTC(), "wang.li");
    CommandLine target = TargetCommand.commandLine(java.time.Clock.systemUTC(), "wang.li");
    for (String c : PlatformKind.SOURCE.ownCommands()) {
      assertNotNull(find(source, c), "source-platform " + c);
      assertNull(find(target, c), "target-platform " + c);
    }
    for (String c : PlatformKind.TARGET.ownCommands()) {
      assertNotNull(find(target, c), "target-platform " + c);
      assertNull(find(source, c), "source-platform " + c);
    }
  }
}
