package org.gapsync.platform.cli;

import java.io.PrintWriter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What Ctrl-C (SIGINT) and SIGTERM do to a long command run: the run stops at its next check
 * point as if it had failed there, so that what it had not committed is rolled back and what it
 * had begun writing is removed by the paths every failure takes; it is audited as
 * {@code interrupted}, says in one line what state it left and what to do, and exits 130 (SIGINT)
 * or 143 (SIGTERM).
 *
 * <p>The operating system's request runs a shutdown hook, which asks the run to stop and waits
 * for it, at most {@link #GRACE_SECONDS}; the Java runtime ends the process when the hook
 * returns. A run that has not reached its first check point (still asking for its passphrase,
 * say) is not waited for: it has begun nothing that a stop leaves half done.
 *
 * <pre>{@code
 * progress(n -> { root.interruption().check(); bar.stepTo(n); });
 * }</pre>
 */
public final class Interruption {
  /** How long a run is given to stop at a check point and say what it left. */
  static final int GRACE_SECONDS = 10;

  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean isRequested;
  private volatile boolean isArmed;
  private volatile String stopped = "";

  /** The exception a run stops with once interrupted; its message is the line to print. */
  public static final class StoppedException extends CancellationException {
    private static final long serialVersionUID = 1L;

    StoppedException(String message) {
      super(message);
    }
  }

  /**
   * A check point: returns at once, unless the operating system has asked the run to stop, when
   * it throws. Called from the listeners of long work, many times a second, from any thread.
   *
   * @throws StoppedException once a stop is requested
   */
  public void check() {
    isArmed = true;
    if (isRequested) {
      throw new StoppedException(stopped);
    }
  }

  /** Returns whether the operating system asked the run to stop. */
  public boolean isRequested() {
    return isRequested;
  }

  /**
   * Asks the run to stop at its next check point, as Ctrl-C does: what the hook does first, and
   * what a program that runs commands in-process may do.
   */
  public void request() {
    isRequested = true;
  }

  /** Says that the run has ended and said how: the hook need not wait for it any longer. */
  void finished() {
    finished.countDown();
  }

  /**
   * Watches the run of {@code action} until the returned watch is closed: a request to stop
   * makes its check points throw a {@link StoppedException} whose message says
   * {@code state}.
   *
   * @param state what a stop at any point leaves, and what to do next
   */
  Watch watch(String action, String state, PrintWriter err) {
    stopped = "interrupted: '" + action + "' stopped; " + state;
    Thread hook = new Thread(() -> stop(action, state, err), "gapsync-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    return () -> {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The process is shutting down: the hook runs, and the run's end is what it awaits.
        System.getLogger(Interruption.class.getName()).log(System.Logger.Level.DEBUG,
            "shutting down", e);
      }
    };
  }

  /** What the hook does: asks the run to stop, waits for it, and says so if it did not. */
  void stop(String action, String state, PrintWriter err) {
    request();
    boolean hasSaid = false;
    if (isArmed) {
      try {
        hasSaid = finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!hasSaid) {
      err.println("error: interrupted: '" + action + "' " + (isArmed ? "did not stop within "
          + GRACE_SECONDS + " s and was ended" : "stopped") + "; " + state);
      err.flush();
    }
  }

  /** Stops watching a run. */
  @FunctionalInterface
  interface Watch extends AutoCloseable {
    @Override
    void close();
  }
}
