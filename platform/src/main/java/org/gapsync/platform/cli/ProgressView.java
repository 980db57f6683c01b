package org.gapsync.platform.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how far a long command has come, one bar per phase ("write", "verify"), each with its
 * real total from its first moment, on standard error. A phase that ends within a second shows
 * nothing, so small runs print only their summary. Only on a terminal: when the output goes to
 * a file, a pipe or a log, or {@code TERM=dumb}, nothing is shown; {@code NO_COLOR} (any value)
 * draws the bars without colour.
 *
 * <pre>{@code
 * try (ProgressView view = ProgressView.onTerminal()) {
 *   view.show("write", ProgressView.Unit.BYTES, total, done);
 * }
 * }</pre>
 */
public final class ProgressView implements AutoCloseable {
  /** What a phase counts. */
  public enum Unit {
    /** Bytes, shown in megabytes. */
    BYTES(" MB", 1_000_000),
    /** Records. */
    RECORDS(" records", 1),
    /** Files. */
    FILES(" files", 1);

    private final String label;
    private final long size;

    Unit(String label, long size) {
      this.label = label;
      this.size = size;
    }
  }

  private static final Duration PATIENCE = Duration.ofSeconds(1);

  private final PrintStream err;
  private final ProgressBarStyle style;
  private final long patienceNanos;
  private String phase;
  private long startedAt;
  private ProgressBar bar;

  private ProgressView(PrintStream err, ProgressBarStyle style, Duration patience) {
    this.err = err;
    this.style = style;
    this.patienceNanos = patience.toNanos();
  }

  /**
   * Returns the view for this process: bars on its terminal, or nothing when it has none or
   * the environment asks for plain output.
   */
  public static ProgressView onTerminal() {
    return of(System.console() != null, System.getenv(), System.err, PATIENCE);
  }

  /**
   * Returns a view that draws on {@code err} if {@code isTerminal} and {@code environment}
   * allows, once a phase has lasted {@code patience}; one that shows nothing otherwise.
   */
  static ProgressView of(boolean isTerminal, Map<String, String> environment, PrintStream err,
      Duration patience) {
    String term = environment.getOrDefault("TERM", "");
    if (!isTerminal || term.isEmpty() || term.toLowerCase(Locale.ROOT).equals("dumb")) {
      return new ProgressView(null, null, patience);
    }
    ProgressBarStyle style = environment.containsKey("NO_COLOR")
        ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.COLORFUL_UNICODE_BLOCK;
    return new ProgressView(err, style, patience);
  }

  /** Returns whether this view draws anything at all. */
  public boolean isShown() {
    return err != null;
  }

  /**
   * Shows that {@code done} of {@code total} are done in {@code phase} ({@code total} negative
   * when it is not known: the bar then counts without an end); a new phase ends the bar of the
   * one before. Quick, and safe to call from several threads.
   */
  public synchronized void show(String phase, Unit unit, long total, long done) {
    if (err == null) {
      return;
    }
    if (!phase.equals(this.phase)) {
      close();
      this.phase = phase;
      startedAt = System.nanoTime();
    }
    if (bar == null && System.nanoTime() - startedAt >= patienceNanos
        && (total < 0 || done < total)) {
      bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(total)
          .setUnit(unit.label, unit.size).setStyle(style).showSpeed()
          .setConsumer(new ConsoleProgressBarConsumer(err)).build();
    }
    if (bar != null) {
      bar.maxHint(total);
      bar.stepTo(done);
    }
  }

  /** Ends the bar being shown, before a line of output is printed beneath it. */
  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    phase = null;
  }
}
