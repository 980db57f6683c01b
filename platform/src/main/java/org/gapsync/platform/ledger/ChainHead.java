package org.gapsync.platform.ledger;

import java.util.Objects;

/**
 * The last event of an application's hash-chained state events, as a seal keeps it: a later
 * ledger that no longer holds this event with this hash was cut short or rewritten.
 *
 * @param id the event's id, which only grows
 * @param hash its chain hash
 */
public record ChainHead(long id, String hash) {
  /** Checks the parts. */
  public ChainHead {
    Objects.requireNonNull(hash, "hash");
    if (id < 1) {
      throw new IllegalArgumentException("id < 1: " + id);
    }
  }
}
