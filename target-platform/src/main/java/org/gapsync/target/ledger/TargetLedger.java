package org.gapsync.target.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.gapsync.platform.ledger.Database;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.ledger.LedgerException;
import org.gapsync.platform.ledger.LedgerLocation;
import org.gapsync.platform.ledger.Migrations;
import org.gapsync.platform.ledger.Sql;
import org.gapsync.platform.premis.PremisWriter;

/**
 * The target's ledger, opened for one command; every change is made in a transaction that
 * commits whole or not at all.
 *
 * <pre>{@code
 * try (TargetLedger ledger = TargetLedger.open(home.ledger(), clock, "li.na")) {
 *   ledger.inTransaction(tx -> tx.packages().progress("archive-lan"));
 * }
 * }</pre>
 */
public final class TargetLedger extends Ledger<Transaction> {
  /** The ledger's schema migrations; the newest must be named here when one is added. */
  static final Migrations MIGRATIONS = Migrations.of("classpath:target-ledger", "8")
      .retiring("2", "3", "4");
  private final Clock clock;
  private final String actor;

  private TargetLedger(Database database, Clock clock, String actor, boolean isOwner) {
    super(database, sql -> new Transaction(sql, clock, actor), isOwner);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.actor = Objects.requireNonNull(actor, "actor");
  }

  /** Opens (creating if need be) the H2 ledger in {@code folder}. */
  public static TargetLedger open(Path folder, Clock clock, String actor)
      throws LedgerException {
    return new TargetLedger(Database.open(folder, MIGRATIONS), clock, actor, true);
  }

  /** Opens (creating if need be) the ledger at {@code location}, embedded or shared. */
  public static TargetLedger open(LedgerLocation location, Clock clock, String actor)
      throws LedgerException {
    return new TargetLedger(Database.open(location, MIGRATIONS), clock, actor, true);
  }

  @Override
  protected void premisObjects(String platform, Sql sql, PremisWriter out)
      throws IOException {
    new TargetPremis(platform).objects(sql, out);
  }

  @Override
  protected java.util.Optional<org.gapsync.platform.ledger.StateCheck> checkState(Sql sql)
      throws IOException {
    return java.util.Optional.of(ProgressCheck.check(sql));
  }

  @Override
  protected void premisEvents(String platform, Sql sql, PremisWriter out) throws IOException {
    new TargetPremis(platform).events(sql, out);
  }

  /** Returns a view of this ledger that leaves it open when closed. */
  public TargetLedger shared() {
    return new TargetLedger(database(), clock, actor, false);
  }
}
