package org.gapsync.source.ledger;

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
 * The source's ledger, opened for one command: its schema brought up to date by Flyway, and
 * every change made in a transaction that either commits whole or leaves the ledger as it was.
 *
 * <pre>{@code
 * try (SourceLedger ledger = SourceLedger.open(home.resolve("ledger"), clock, "wang.li")) {
 *   ledger.inTransaction(tx -> tx.records().get("F001-2024-0001"));
 * }
 * }</pre>
 */
public final class SourceLedger extends Ledger<Transaction> {
  /** The ledger's schema migrations; the newest must be named here when one is added. */
  static final Migrations MIGRATIONS = Migrations.of("classpath:ledger", "16")
      .retiring("3", "4", "5");
  private final Clock clock;
  private final String actor;

  private SourceLedger(Database database, Clock clock, String actor, boolean isOwner) {
    super(database, sql -> new Transaction(sql, clock, actor), isOwner);
    this.clock = Objects.requireNonNull(clock);
    this.actor = Objects.requireNonNull(actor);
  }

  /** Opens (creating if need be) the H2 ledger in {@code folder}. */
  public static SourceLedger open(Path folder, Clock clock, String actor)
      throws LedgerException {
    return new SourceLedger(Database.open(folder, MIGRATIONS), clock, actor, true);
  }

  /** Opens (creating if need be) the ledger at {@code location}, embedded or shared. */
  public static SourceLedger open(LedgerLocation location, Clock clock, String actor)
      throws LedgerException {
    return new SourceLedger(Database.open(location, MIGRATIONS), clock, actor, true);
  }

  /** Opens the ledger at a JDBC URL, migrating its schema. */
  public static SourceLedger open(String url, String user, String password, Clock clock,
      String actor) throws LedgerException {
    return new SourceLedger(Database.open(url, user, password, MIGRATIONS), clock, actor,
        true);
  }

  /** Returns a view of this ledger that leaves it open when closed. */
  public SourceLedger shared() {
    return new SourceLedger(database(), clock, actor, false);
  }

  @Override
  protected void premisObjects(String platform, Sql sql, PremisWriter out)
      throws IOException {
    new SourcePremis(platform).objects(sql, out);
  }

  @Override
  protected void premisEvents(String platform, Sql sql, PremisWriter out)
      throws IOException {
    new SourcePremis(platform).events(sql, out);
  }

  @Override
  protected java.util.Optional<org.gapsync.platform.ledger.StateCheck> checkState(Sql sql)
      throws IOException {
    return java.util.Optional.of(SyncEventChain.check(sql));
  }

  @Override
  protected java.util.Optional<org.gapsync.platform.ledger.ChainHead> stateHead(Sql sql)
      throws IOException {
    return SyncEventChain.last(sql);
  }

  @Override
  protected java.util.Optional<String> stateHashAt(Sql sql, long id) throws IOException {
    return SyncEventChain.hashAt(sql, id);
  }

  /** Returns who this ledger's changes are attributed to. */
  public String actor() {
    return actor;
  }
}
