package org.gapsync.target.ledger;

import java.time.Clock;
import org.gapsync.platform.ledger.LedgerTransaction;
import org.gapsync.platform.ledger.Sql;

/** One transaction of the target's ledger: {@link #packages()} and {@link #replica()}. */
public final class Transaction extends LedgerTransaction {
  Transaction(Sql sql, Clock clock, String actor) {
    super(sql, clock, actor);
  }

  /** Returns the packages received, each source's progress, and refused imports. */
  public PackageTables packages() {
    return new PackageTables(sql(), this);
  }

  /** Returns the records spanning volumes of a set that wait for the rest of their volumes. */
  public SpanningTables spanning() {
    return new SpanningTables(sql());
  }

  /** Returns the replica's records and files, and what each package did to them. */
  public ReplicaTables replica() {
    return new ReplicaTables(sql(), this);
  }
}
