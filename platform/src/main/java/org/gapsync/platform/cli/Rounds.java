package org.gapsync.platform.cli;

import java.time.Duration;
import org.gapsync.platform.ferry.Arrival;
import picocli.CommandLine;

/** What the long-running services (the ferries) share: their wait between rounds. */
public final class Rounds {
  private Rounds() {}

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
