package org.gapsync.source.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapsync.source.ledger.Destination;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.SyncEvent;
import org.gapsync.source.ledger.SyncRow;
import org.gapsync.source.ledger.SyncState;

/** What each destination still needs: new records, changes, and what was re-queued. */
public final class Queue {
  private Queue() {}

  /** Returns the queue of one destination, or of all when none is given. */
  public static List<QueueEntry> of(SourceLedger ledger, Optional<String> destination)
      throws IOException {
    return ledger.inTransaction(tx -> {
      List<QueueEntry> entries = new ArrayList<>();
      for (Destination d : tx.sync().destinations()) {
        if (destination.isPresent() && !destination.get().equals(d.id())) {
          continue;
        }
        for (SyncRow row : tx.sync().queued(d.id())) {
          entries.add(new QueueEntry(d.id(), row.archivalId(), row.version(), row.change(),
              row.attempts(), reason(row, tx.sync().history(row.archivalId()))));
        }
      }
      if (destination.isPresent() && tx.sync().destination(destination.get()).isEmpty()) {
        throw new UnknownDestinationException(destination.get());
      }
      return entries;
    });
  }

  private static String reason(SyncRow row, List<SyncEvent> history) {
    if (row.state() == SyncState.FAILED) {
      return "re-queued after failure: " + row.lastFailure().orElse("?");
    }
    return history.stream()
        .filter(e -> e.destination().equals(row.destination()) && e.version() == row.version()
            && e.state() == SyncState.PENDING)
        .reduce((a, b) -> b).map(SyncEvent::detail).orElse("queued");
  }
}
