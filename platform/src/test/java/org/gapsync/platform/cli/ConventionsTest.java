package org.gapsync.platform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.home.PlatformKind;
import org.gapsync.platform.ledger.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ConventionsTest {
  @TempDir
  Path dir;

  /** A root whose audit trail is a list. */
  @Command(name = "app", subcommands = Exhaust.class)
  final class Root implements PlatformRoot {
    final List<String> events = new ArrayList<>();

    @Override
    public PlatformHome home() {
      return PlatformHome.at(dir, PlatformKind.SOURCE);
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public String actor() {
      return "wang.li";
    }

    @Override
    public Passphrase passphrase(CommandLine cli, boolean twice) {
      throw new AssertionError("not asked");
    }

    @Override
    public Ledger<?> ledger(CommandLine cli) {
      throw new AssertionError("not opened");
    }

    @Override
    public boolean finish(String action, String object, String outcome, String details) {
      events.add(action + ": " + outcome + ": " + details);
      return true;
    }
  }

  /** A command that fills the heap. */
  @Command(name = "exhaust")
  static final class Exhaust implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Test
  void commandOutOfMemoryEndsWithOneLineExitFourAndItsAuditEvent() {
    Root root = new Root();
    StringWriter err = new StringWriter();
    CommandLine cli = Conventions.apply(new CommandLine(root), root, () -> false);
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("exhaust");

    assertEquals(ExitCodes.IO, code);
    String message = err.toString().strip();
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.startsWith("error: out of memory") && message.contains("-Xmx"), message);
    assertEquals(1, root.events.size());
    assertTrue(root.events.get(0).startsWith("exhaust: error: out of memory"),
        root.events::toString);
  }
}
