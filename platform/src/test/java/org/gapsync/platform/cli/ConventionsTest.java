package org.gapsync.platform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
  @Command(name = "app", subcommands = {Exhaust.class, Copy.class})
  final class Root implements PlatformRoot {
    final List<String> events = new ArrayList<>();
    final Interruption interruption = new Interruption();

    @Override
    public Interruption interruption() {
      return interruption;
    }

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
    public Ledger<?> ledgerAt(org.gapsync.platform.ledger.LedgerLocation location) {
      throw new AssertionError("not opened");
    }

    @Override
    public void releaseLedger() {
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

  /**
   * A long command whose check point hears a stop once it has copied three parts: the stop
   * comes as a signal's would, from outside its work.
   */
  @Command(name = "copy")
  static final class Copy implements Callable<Integer>, Interruptible {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    final List<Integer> copied = new ArrayList<>();

    @Override
    public String whenInterrupted() {
      return "nothing was copied; run 'copy' again";
    }

    @Override
    public Integer call() {
      Interruption interruption = PlatformRoot.of(spec).interruption();
      for (int part = 1; part <= 10; part++) {
        interruption.check();
        copied.add(part);
        if (part == 3) {
          interruption.request();
        }
      }
      return ExitCodes.OK;
    }
  }

  @Test
  void interruptedCommandStopsAtItsNextCheckPointSaysWhatItLeftAndIsAudited() {
    Root root = new Root();
    StringWriter err = new StringWriter();
    CommandLine cli = Conventions.apply(new CommandLine(root), root, () -> false);
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("copy");

    assertEquals(ExitCodes.INTERRUPTED, code);
    assertEquals(List.of(1, 2, 3), ((Copy) cli.getSubcommands().get("copy").getCommand())
        .copied);
    assertEquals("error: interrupted: 'copy' stopped; nothing was copied; run 'copy' again",
        err.toString().strip());
    assertEquals(List.of("copy: interrupted: interrupted: 'copy' stopped; nothing was copied; "
        + "run 'copy' again"), root.events);
  }

  @Test
  void stopBeforeTheFirstCheckPointSaysSoAtOnce() {
    Interruption interruption = new Interruption();
    StringWriter err = new StringWriter();
    interruption.stop("copy", "nothing was copied", new PrintWriter(err, true));

    assertEquals("error: interrupted: 'copy' stopped; nothing was copied",
        err.toString().strip());
    assertTrue(interruption.isRequested());
  }

  @Test
  void stopOfARunThatEndsInTimeLeavesTheSayingToTheRun() throws Exception {
    Interruption interruption = new Interruption();
    interruption.check();
    StringWriter err = new StringWriter();
    Thread hook = new Thread(() -> interruption.stop("copy", "nothing was copied",
        new PrintWriter(err, true)));
    hook.start();
    while (!interruption.isRequested()) {
      Thread.onSpinWait();
    }
    assertThrows(Interruption.StoppedException.class, interruption::check);
    interruption.finished();
    hook.join(5_000);

    assertFalse(hook.isAlive());
    assertEquals("", err.toString());
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
