package org.gapsync.source.ledger;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.gapsync.platform.ledger.Sql;

/**
 * What the scan in progress has found, by archival id, kept in the ledger's {@code scan_claim}
 * table rather than in memory: which folder claims each id, so that a second folder claiming it
 * is a conflict, and so that a record no folder claims is known deleted. The scan empties the
 * table before it commits.
 */
public final class ScanClaims {
  private final Transaction tx;

  ScanClaims(Transaction tx) {
    this.tx = tx;
  }

  /** How a folder holds an archival id in this scan. */
  public enum State {
    /** A known record's folder that could not be read: the id is not deleted, nor claimed. */
    KEPT('K'),
    /** Claimed by a folder whose record is as the ledger knows it, or is not written. */
    SEEN('S'),
    /** Claimed by a folder whose record this scan writes. */
    WRITTEN('W');

    private final char code;

    State(char code) {
      this.code = code;
    }

    static State of(String code) {
      for (State s : values()) {
        if (s.code == code.charAt(0)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown claim state " + code);
    }
  }

  /**
   * One id as the scan found it.
   *
   * @param archivalId the archival id
   * @param folder the folder that claims or keeps it
   * @param state how it holds it
   * @param movedFrom the folder the ledger knew the record in, when another one claims it now
   */
  public record Claim(String archivalId, String folder, State state, Optional<String> movedFrom) {}

  /** Returns the claims of this scan so far for those of {@code ids} that have one. */
  public Map<String, Claim> of(Collection<String> ids) throws IOException {
    Map<String, Claim> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    tx.forEach("SELECT archival_id, folder, state, moved_from FROM scan_claim WHERE "
        + "archival_id IN " + Sql.inList(ids.size()),
        rs -> found.put(rs.getString(1), new Claim(rs.getString(1), rs.getString(2),
            State.of(rs.getString(3)), Optional.ofNullable(rs.getString(4)))),
        ids.toArray());
    return found;
  }

  /** Records new claims, and replaces those of the ids in {@code replaced}. */
  public void put(List<Claim> added, List<Claim> replaced) throws IOException {
    try (Sql.Batch insert = tx.batch("INSERT INTO scan_claim (archival_id, folder, state, "
        + "moved_from) VALUES (?, ?, ?, ?)")) {
      for (Claim c : added) {
        insert.add(c.archivalId(), c.folder(), String.valueOf(c.state().code),
            c.movedFrom().orElse(null));
      }
    }
    try (Sql.Batch update = tx.batch("UPDATE scan_claim SET folder = ?, state = ?, "
        + "moved_from = ? WHERE archival_id = ?")) {
      for (Claim c : replaced) {
        update.add(c.folder(), String.valueOf(c.state().code), c.movedFrom().orElse(null),
            c.archivalId());
      }
    }
  }

  /** Hands every claim of a record that moved to {@code each}, in archival id order. */
  public void forEachMoved(Consumer<Claim> each) throws IOException {
    tx.forEach("SELECT archival_id, folder, state, moved_from FROM scan_claim WHERE moved_from "
        + "IS NOT NULL ORDER BY archival_id", rs -> each.accept(new Claim(rs.getString(1),
            rs.getString(2), State.of(rs.getString(3)), Optional.of(rs.getString(4)))));
  }

  /**
   * Returns the live records directly in {@code parent} that no folder claims or keeps in this
   * scan: those deleted from the holdings.
   */
  public List<RecordStat> unclaimedIn(String parent) throws IOException {
    return tx.query(RecordTables.STAT + " WHERE parent = ? AND deleted = FALSE AND NOT EXISTS "
        + "(SELECT 1 FROM scan_claim c WHERE c.archival_id = record.archival_id) "
        + "ORDER BY archival_id", RecordTables::stat, parent);
  }

  /** Forgets every claim: the scan is done with them. */
  public void clear() throws IOException {
    tx.update("DELETE FROM scan_claim");
  }
}
