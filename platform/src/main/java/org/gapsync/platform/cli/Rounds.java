package org.gapsync.platform.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.gapsync.platform.ferry.Arrival;
import picocli.CommandLine;

/** What the long-running services (the ferries) share: their rounds, and the wait between. */
public final class Rounds {
  private Rounds() {}

  /**
   * What one round came to, for the exit code of a run of one round.
   *
   * @param refused the things it refused (set aside for a person)
   * @param failed the steps that failed for a reason of the moment (tried again next round)
   */
  public record Outcome(int refused, int failed) {
    /** Returns the exit code of a run of this one round: 4, 3, or 0. */
    public int exitCode() {
      return failed > 0 ? ExitCodes.IO : refused > 0 ? ExitCodes.INVALID : ExitCodes.OK;
    }
  }

  /** One round of a service. */
  @FunctionalInterface
  public interface Round {
    /** Runs the round and says what it came to. */
    Outcome run() throws Exception;
  }

  /**
   * Runs {@code round} once, and returns its exit code, when {@code once}; otherwise round
   * after round, {@code every} apart, until the run is asked to stop. A round of a service that
   * fails for a reason of the moment (the ledger in use by another command, a full disk) is
   * said to {@code log} and tried again after the wait: a service outlives what a single run
   * would stop for.
   */
  public static int repeat(Interruption interruption, boolean once, Duration every,
      Consumer<String> log, Round round) throws Exception {
    while (true) {
      Outcome o;
      try {
        o = round.run();
      } catch (IOException e) {
        if (once) {
          throw e;
        }
        log.accept("error: " + e.getMessage() + "; the round stopped there, and the next one "
            + "tries again");
        o = new Outcome(0, 1);
      }
      if (once) {
        return o.exitCode();
      }
      sleep(interruption, every);
    }
  }

  /** Waits {@code d}, stopping at once when the run is asked to stop. */
  public static void sleep(Interruption interruption, Duration d) throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) {
      interruption.check();
      Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
  }

  /** Reads {@code --arrival}: {@code rename} or {@code marker}. */
  public static final class ArrivalConverter implements CommandLine.ITypeConverter<Arrival> {
    @Override
    public Arrival convert(String value) {
      try {
        return Arrival.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
