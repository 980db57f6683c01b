package org.gapsync.platform.cli;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.ledger.Ledger;

/**
 * The ledger of one command run: opened at most once, handed to the command's services as views
 * that leave it open when closed, and closed by {@link #finish} after the run's audit event.
 *
 * @param <L> the application's ledger type
 */
public final class RunLedger<L extends Ledger<?>> {
  /** Opens the application's ledger in a home. */
  @FunctionalInterface
  public interface Opener<L> {
    /** Opens the ledger of {@code home}. */
    L open(PlatformHome home) throws IOException;
  }

  private final Opener<L> opener;
  private final UnaryOperator<L> share;
  private L ledger;

  /** Creates a run's ledger opened by {@code opener}, its views made by {@code share}. */
  public RunLedger(Opener<L> opener, UnaryOperator<L> share) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.share = Objects.requireNonNull(share, "share");
  }

  /** Returns whether the run has opened the ledger. */
  public boolean isOpen() {
    return ledger != null;
  }

  /** Returns a view of the ledger of {@code home}, opening it first if the run has not. */
  public L shared(PlatformHome home) throws IOException {
    if (ledger == null) {
      home.id();
      ledger = opener.open(home);
    }
    return share.apply(ledger);
  }

  /**
   * Closes the ledger until the run asks for it again: a long-running command (a ferry) lets
   * the other commands at the home between its rounds.
   */
  public void release() throws IOException {
    if (ledger != null) {
      try {
        ledger.close();
      } finally {
        ledger = null;
      }
    }
  }

  /**
   * Appends the run's audit event to the ledger of {@code home} (opening it if the run did not
   * and the home is initialised), hashed by its crypto profile's hash function, and closes the
   * ledger.
   *
   * @return whether the event was written: not when the home has no ledger, is another
   *     platform's, or has a read-only ledger
   */
  public boolean finish(PlatformHome home, Instant at, String actor, String action,
      String object, String outcome, String details) throws IOException {
    try {
      if (ledger == null && home.isOwnKind()) {
        ledger = opener.open(home);
      }
      if (ledger == null || ledger.isReadOnly()) {
        return false;
      }
      AuditTrail.of(ledger).append(home.digestName(), at, actor, action, object, outcome,
          details);
      return true;
    } finally {
      if (ledger != null) {
        ledger.close();
        ledger = null;
      }
    }
  }
}
