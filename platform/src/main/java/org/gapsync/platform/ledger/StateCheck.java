package org.gapsync.platform.ledger;

import java.util.List;

/**
 * What checking an application's state rows against its hash-chained events found, for
 * {@code ledger verify}.
 *
 * @param summary what was found to agree, one line for people, such as {@code sync states
 *     agree with their 1200 chained events}
 * @param problems the first break of the chain, then each state that disagrees with the events,
 *     one line each
 */
public record StateCheck(String summary, List<String> problems) {
  /** Copies the list. */
  public StateCheck {
    problems = List.copyOf(problems);
  }

  /** Returns whether the chain holds and every state agrees with it. */
  public boolean isIntact() {
    return problems.isEmpty();
  }
}
