package org.gapsync.source.export;

import java.io.IOException;
import java.util.Optional;
import org.gapsync.source.ledger.Destination;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.SyncRow;
import org.gapsync.source.ledger.SyncState;

/** What each destination still needs: new records, changes, and what was re-queued. */
public final class Queue {
  private Queue() {}

  /** Hears the entries of a queue, one at a time. */
  @FunctionalInterface
  public interface EntryConsumer {
    /** Takes one entry. */
    void accept(QueueEntry entry) throws IOException;
  }

  /**
   * Hands the queue of one destination, or of each in turn when none is given, to {@code
   * each}, an entry at a time as the ledger reads them, so that a queue of any length is listed
   * in bounded memory.
   *
   * @throws UnknownDestinationException if {@code destination} names none, before any entry
   */
  public static void forEach(SourceLedger ledger, Optional<String> destination,
      EntryConsumer each) throws IOException {
    ledger.inTransaction(tx -> {
      if (destination.isPresent() && tx.sync().destination(destination.get()).isEmpty()) {
        throw new UnknownDestinationException(destination.get());
      }
      for (Destination d : tx.sync().destinations()) {
        if (destination.isPresent() && !destination.get().equals(d.id())) {
          continue;
        }
        tx.sync().forEachWaiting(d.id(), (row, queuedBecause) ->
            each.accept(new QueueEntry(d.id(), row.archivalId(), row.version(), row.change(),
                row.attempts(), reason(row, queuedBecause))));
      }
      return null;
    });
  }

  private static String reason(SyncRow row, Optional<String> queuedBecause) {
    if (row.state() == SyncState.FAILED) {
      return "re-queued after failure: " + row.lastFailure().orElse("?");
    }
    return queuedBecause.orElse("queued");
  }
}
