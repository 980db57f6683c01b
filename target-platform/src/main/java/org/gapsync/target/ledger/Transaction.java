package org.gapsync.target.ledger;

import java.time.Clock;
import java.time.Instant;
import org.gapsync.platform.ledger.Sql;

/** One transaction of the target's ledger: {@link #packages()} and {@link #replica()}. */
public final class Transaction {
  private final Sql sql;
  private final Clock clock;
  private final String actor;

  Transaction(Sql sql, Clock clock, String actor) {
    this.sql = sql;
    this.clock = clock;
    this.actor = actor;
  }

  /** Returns the packages received, each source's progress, and refused imports. */
  public PackageTables packages() {
    return new PackageTables(sql, this);
  }

  /** Returns the replica's records and files, and what each package did to them. */
  public ReplicaTables replica() {
    return new ReplicaTables(sql, this);
  }

  /** Returns the time this transaction stamps on what it writes. */
  public Instant now() {
    return clock.instant();
  }

  /** Returns who this transaction's changes are attributed to. */
  public String actor() {
    return actor;
  }
}
