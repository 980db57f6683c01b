package org.gapsync.platform.audit;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.platform.ledger.Migrations;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.ledger.Sql;

/**
 * The append-only, hash-chained audit trail of a platform's ledger: every event carries the hash
 * of the one before it, so that editing, deleting or reordering any event breaks the chain at
 * that point. Its table, {@code audit_event}, is one of the tables every platform's ledger
 * keeps ({@link Migrations#SHARED}).
 *
 * <pre>{@code
 * AuditTrail.of(ledger).append("SHA-256", clock.instant(), "li.na", "queue", "", "success", "");
 * AuditTrail.Check check = AuditTrail.of(ledger).verify();
 * }</pre>
 */
public final class AuditTrail {
  /** The lock that serialises appending, the last a transaction takes ({@link Sql#lock}). */
  private static final String LOCK = "audit-trail";
  private final Ledger<?> ledger;

  private AuditTrail(Ledger<?> ledger) {
    this.ledger = ledger;
  }

  /** Returns the audit trail kept in {@code ledger}. */
  public static AuditTrail of(Ledger<?> ledger) {
    return new AuditTrail(Objects.requireNonNull(ledger, "ledger"));
  }

  /**
   * The result of recomputing the chain.
   *
   * @param events how many events were checked
   * @param head the hash of the last event, or the genesis hash when there is none
   * @param headDigest the hash function of the last event, or empty when there is none
   * @param firstBreak the first broken link, said as a user reads it, if there is one
   */
  public record Check(long events, String head, String headDigest,
      Optional<String> firstBreak) {
    /** Returns whether every link holds. */
    public boolean isIntact() {
      return firstBreak.isEmpty();
    }
  }

  /**
   * Appends an event after the last one, hashed by {@code digest} (the hash function of the
   * platform's crypto profile: SHA-256 or SM3), in a transaction of its own.
   */
  public AuditEvent append(String digest, Instant at, String actor, String action,
      String object, String outcome, String details) throws IOException {
    return ledger.inSharedTables(sql -> append(sql, digest, at, actor, action, object, outcome,
        details));
  }

  private static AuditEvent append(Sql sql, String digest, Instant at, String actor,
      String action, String object, String outcome, String details) throws IOException {
    // Commands on a shared ledger append one at a time: two that read the same last event
    // would fork the chain.
    sql.lock(LOCK);
    Optional<AuditEvent> last = sql.queryOne("SELECT * FROM audit_event ORDER BY seq DESC "
        + "FETCH FIRST 1 ROWS ONLY", AuditTrail::event);
    AuditEvent e = AuditEvent.of(last.map(l -> l.sequence() + 1).orElse(1L), at, actor, action,
        object, outcome, details, last.map(AuditEvent::hash).orElse(AuditEvent.GENESIS),
        digest);
    sql.update("INSERT INTO audit_event (seq, at, actor, action, object, outcome, details, "
        + "previous_hash, digest, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.sequence(),
        e.at(), e.actor(), e.action(), e.object(), e.outcome(), e.details(), e.previousHash(),
        e.digest(), e.hash());
    return e;
  }

  /** Recomputes the chain from the first event, and reports the first link that is broken. */
  public Check verify() throws IOException {
    return ledger.inSharedTables(sql -> walk(sql, Selection.NONE, (e, holds) -> { }));
  }

  /**
   * Which events a listing shows: those in a period, by a user, of a command. A command
   * selects its subcommands too: {@code package} selects {@code package build}.
   *
   * @param from the first instant of the period, if it has a start
   * @param before the first instant after the period, if it has an end
   * @param actor only the events of this user, if given
   * @param command only the events of this command, if given
   */
  public record Selection(Optional<Instant> from, Optional<Instant> before,
      Optional<String> actor, Optional<String> command) {
    /** Every event. */
    public static final Selection ALL = new Selection(Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
    // No event: a walk that only checks the chain.
    private static final Selection NONE = new Selection(Optional.of(Instant.MAX),
        Optional.empty(), Optional.empty(), Optional.empty());

    /** Checks the parts. */
    public Selection {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(command, "command");
    }

    boolean selects(AuditEvent e) {
      return from.map(f -> !e.at().isBefore(f)).orElse(true)
          && before.map(b -> e.at().isBefore(b)).orElse(true)
          && actor.map(e.actor()::equals).orElse(true)
          && command.map(c -> e.action().equals(c) || e.action().startsWith(c + " "))
              .orElse(true);
    }
  }

  /** Something done with each event a listing shows. */
  @FunctionalInterface
  public interface EachListed {
    /**
     * Takes one event, and whether the chain holds from the first event up to it, this one's
     * own link and content included.
     */
    void accept(AuditEvent event, boolean holds) throws IOException;
  }

  /**
   * Hands the events {@code selection} selects to {@code each}, in order, each with whether the
   * chain holds up to it: the whole trail is walked and checked, from a read-only snapshot, so
   * that the answer is that of {@link #verify} at the same moment.
   *
   * @return the check of the whole chain
   */
  public Check list(Selection selection, EachListed each) throws IOException {
    Objects.requireNonNull(selection, "selection");
    return ledger.inSharedSnapshot(sql -> walk(sql, selection, each));
  }

  private static Check walk(Sql sql, Selection selection, EachListed each)
      throws IOException {
    long[] count = {0};
    String[] previous = {AuditEvent.GENESIS, ""};
    String[] broken = {null};
    sql.forEach("SELECT * FROM audit_event ORDER BY seq", rs -> {
      AuditEvent e = event(rs);
      count[0]++;
      if (broken[0] == null) {
        broken[0] = link(e, count[0], previous[0]);
        previous[0] = e.hash();
        previous[1] = e.digest();
      }
      if (selection.selects(e)) {
        each.accept(e, broken[0] == null);
      }
    });
    return broken[0] == null ? new Check(count[0], previous[0], previous[1], Optional.empty())
        : new Check(count[0], previous[0], previous[1], Optional.of(broken[0]));
  }

  /** Returns what breaks the link of {@code e}, the {@code n}th event, if anything does. */
  private static String link(AuditEvent e, long n, String previousHash) {
    if (e.sequence() != n) {
      return "event " + n + " is missing (the next is " + e.sequence() + "): events were "
          + "deleted";
    }
    if (!e.previousHash().equals(previousHash)) {
      return "event " + e.sequence() + " does not follow the event before it: events were "
          + "deleted, inserted or reordered";
    }
    if (!e.isSealed()) {
      return "event " + e.sequence() + " (" + e.action() + " by " + e.actor() + " at "
          + e.at() + ") was edited: its content no longer matches its hash";
    }
    return null;
  }

  /** Something done with each event in turn. */
  @FunctionalInterface
  public interface EachEvent {
    /** Takes one event. */
    void accept(AuditEvent event) throws IOException;
  }

  /** Hands every event to {@code each}, in order, in the transaction of {@code sql}. */
  static void forEach(Sql sql, EachEvent each) throws IOException {
    sql.forEach("SELECT * FROM audit_event ORDER BY seq", rs -> each.accept(event(rs)));
  }

  /** Returns the event at {@code sequence}, if the trail holds one there. */
  public Optional<AuditEvent> at(long sequence) throws IOException {
    return ledger.inSharedTables(sql -> sql.queryOne("SELECT * FROM audit_event WHERE seq = ?",
        AuditTrail::event, sequence));
  }

  private static AuditEvent event(java.sql.ResultSet rs) throws SQLException {
    return new AuditEvent(rs.getLong("seq"), Sql.instant(rs, "at"), rs.getString("actor"),
        rs.getString("action"), rs.getString("object"), rs.getString("outcome"),
        rs.getString("details"), rs.getString("previous_hash"), rs.getString("digest"),
        rs.getString("hash"));
  }
}
