package org.gapsync.source.ledger;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.gapsync.platform.ledger.ChainHead;
import org.gapsync.platform.ledger.Sql;
import org.gapsync.platform.ledger.StateCheck;

/**
 * The hash chain of the sync events, and the check that every sync state is the one its last
 * event recorded. Each event's hash is SHA-256 over the previous event's hash and the event's
 * fields (time to the microsecond, actor, record, destination, version, state, package,
 * detail, and the digest of the held files where the event sets them), each as its length and
 * its UTF-8 bytes. Events without held files hash as they did before that field existed.
 *
 * <pre>{@code
 * StateCheck check = SyncEventChain.check(sql);
 * }</pre>
 */
public final class SyncEventChain {
  /** The lock that serialises appending to the chain ({@code Sql#lock}). */
  static final String LOCK = "sync-event-chain";
  /** The previous hash of the first chained event. */
  static final String GENESIS = "0".repeat(64);
  /** At most this many disagreeing states are named; all are counted. */
  private static final int NAMED = 20;

  private SyncEventChain() {}

  /** Returns the hash of an event that follows {@code previous}. */
  static String hash(String previous, Instant at, String actor, String archivalId,
      String destination, long version, String state, String packageId, String detail,
      String held) {
    List<String> fields = new ArrayList<>(List.of(previous, at.toString(), actor, archivalId,
        destination, Long.toString(version), state, packageId == null ? "" : packageId,
        detail == null ? "" : detail));
    if (held != null) {
      fields.add(held);
    }
    return HexFormat.of().formatHex(sha256(fields));
  }

  /**
   * Returns the SHA-256 over {@code fields}, each as its length and its UTF-8 bytes, so that no
   * two different lists of fields hash the same bytes.
   */
  static byte[] sha256(List<String> fields) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      for (String field : fields) {
        byte[] b = field.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
      }
      return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** Returns the hash of the last event, the genesis when there is none or it is unchained. */
  static String head(Sql sql) throws IOException {
    return sql.queryOne("SELECT hash FROM sync_event ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
        rs -> rs.getString(1)).orElse(GENESIS);
  }

  /** Returns the last chained event, if there is one. */
  static Optional<ChainHead> last(Sql sql) throws IOException {
    return sql.queryOne("SELECT id, hash FROM sync_event WHERE hash IS NOT NULL ORDER BY id "
        + "DESC FETCH FIRST 1 ROWS ONLY", rs -> new ChainHead(rs.getLong(1), rs.getString(2)));
  }

  /** Returns the chain hash of event {@code id}, if the ledger holds it chained. */
  static Optional<String> hashAt(Sql sql, long id) throws IOException {
    return sql.queryOne("SELECT hash FROM sync_event WHERE id = ?", rs -> rs.getString(1), id);
  }

  /**
   * Recomputes the chain, then compares every sync state with its last event and every
   * record's held files with the event that set them.
   */
  public static StateCheck check(Sql sql) throws IOException {
    List<String> problems = new ArrayList<>();
    long[] counts = new long[2];
    String[] previous = {GENESIS};
    boolean[] isBroken = {false};
    sql.forEach("SELECT * FROM sync_event ORDER BY id", rs -> {
      counts[0]++;
      String stored = rs.getString("hash");
      if (isBroken[0]) {
        return;
      }
      if (stored == null) {
        if (!previous[0].equals(GENESIS)) {
          problems.add("sync event " + rs.getLong("id") + " has no hash but follows chained "
              + "events: it was inserted outside this application");
          isBroken[0] = true;
        }
        counts[1]++;
        return;
      }
      String expected = hash(previous[0], Sql.instant(rs, "at"), rs.getString("actor"),
          rs.getString("archival_id"), rs.getString("destination"), rs.getLong("version"),
          rs.getString("state"), rs.getString("package_id"), rs.getString("detail"),
          rs.getString("held"));
      if (!expected.equals(stored)) {
        problems.add("sync event " + rs.getLong("id") + " (" + rs.getString("archival_id")
            + " at " + rs.getString("destination") + ", " + rs.getString("state") + ") does "
            + "not follow from the one before: it, or one before it, was edited, deleted or "
            + "inserted outside this application");
        isBroken[0] = true;
      }
      previous[0] = stored;
    });
    long[] disagreeing = {0};
    sql.forEach("SELECT s.archival_id, s.destination, s.version, s.state, s.package_id, "
        + "e.id, e.state AS event_state, e.package_id AS event_package FROM sync_state s "
        + "LEFT JOIN sync_event e ON e.id = (SELECT MAX(x.id) FROM sync_event x "
        + "WHERE x.archival_id = s.archival_id AND x.destination = s.destination "
        + "AND x.version = s.version) "
        + "WHERE e.id IS NULL OR e.state <> s.state "
        + "OR COALESCE(e.package_id, '') <> COALESCE(s.package_id, '') "
        + "ORDER BY s.archival_id, s.destination, s.version", rs -> {
          if (++disagreeing[0] > NAMED) {
            return;
          }
          String what = rs.getString("archival_id") + " version " + rs.getLong("version")
              + " at " + rs.getString("destination") + ": the ledger says " + rs.getString(
              "state") + packageOf(rs.getString("package_id"));
          problems.add(rs.getObject("id") == null ? what + ", but no event records it"
              : what + ", but its last event (" + rs.getLong("id") + ") says "
                  + rs.getString("event_state") + packageOf(rs.getString("event_package")));
        });
    if (disagreeing[0] > NAMED) {
      problems.add("… and " + (disagreeing[0] - NAMED) + " more states that disagree");
    }
    HeldFiles.Finding held = HeldFiles.check(sql);
    problems.addAll(held.problems());
    long chained = counts[0] - counts[1];
    return new StateCheck("sync states agree with their " + chained + " chained event"
        + (chained == 1 ? "" : "s") + (counts[1] == 0 ? "" : " (" + counts[1] + " recorded "
        + "before events were chained, not proven)") + "; held files of " + held.agreeing()
        + " record" + (held.agreeing() == 1 ? "" : "s") + " agree with the events that set "
        + "them" + (held.unproven() == 0 ? "" : " (" + held.unproven() + " reported before "
        + "held files were bound to events, not proven)"), problems);
  }

  private static String packageOf(String packageId) {
    return packageId == null ? "" : " (package " + packageId + ")";
  }
}
