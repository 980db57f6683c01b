package org.gapsync.target.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.gapsync.target.ingest.ImportProgress;

/**
 * Shows an import's progress on the terminal: a bar for each step of a package that takes
 * longer than a moment, so that small packages pass with their one summary line and a large
 * one shows its verification, staging and re-reading move.
 */
final class ProgressBars implements ImportProgress, AutoCloseable {
  private static final long PATIENCE_NANOS = 1_000_000_000L;
  private String step;
  private long startedAt;
  private ProgressBar bar;

  /** Returns bars when the output is a terminal, and a listener that shows nothing otherwise. */
  static ProgressBars onTerminal() {
    return new ProgressBars(System.console() != null);
  }

  private final boolean isShown;

  private ProgressBars(boolean isShown) {
    this.isShown = isShown;
  }

  @Override
  public synchronized void advanced(String name, Step s, long total, long done) {
    if (!isShown) {
      return;
    }
    String key = s + " " + name;
    if (!key.equals(step)) {
      close();
      step = key;
      startedAt = System.nanoTime();
    }
    if (bar == null && System.nanoTime() - startedAt > PATIENCE_NANOS && done < total) {
      bar = new ProgressBarBuilder().setTaskName(s.label() + " " + name)
          .setUnit(s.isBytes() ? " MB" : " records", s.isBytes() ? 1_000_000 : 1)
          .setInitialMax(total).showSpeed().build();
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
    step = null;
  }
}
