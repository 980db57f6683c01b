package org.gapsync.source.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackagePath;
import org.gapsync.platform.ledger.Sql;

/**
 * What a destination holds of a record, bound to the sync chain: each event that replaces the
 * held files the ledger keeps carries their {@link #digest}, and {@link #check} recomputes it
 * from the rows, so that a held file edited, inserted or deleted by SQL is found.
 */
public final class HeldFiles {
  /** The digest of holding nothing. */
  public static final Digest NONE = digest(List.of());
  /** Records are compared with their events this many at a time. */
  private static final int BATCH = 500;
  /** At most this many disagreeing records are named; all are counted. */
  private static final int NAMED = 20;

  private HeldFiles() {}

  /**
   * Returns the SHA-256 over {@code files} in path order, each as its path, size and digest,
   * each field as its length and its UTF-8 bytes ({@link SyncEventChain#sha256}).
   */
  public static Digest digest(List<FileState> files) {
    List<FileState> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(FileState::path));
    List<String> fields = new ArrayList<>(3 * sorted.size());
    for (FileState f : sorted) {
      fields.addAll(List.of(f.path().value(), Long.toString(f.size()), f.digest().hex()));
    }
    return Digest.of(DigestAlgorithm.SHA256, SyncEventChain.sha256(fields));
  }

  /** What {@link #check} found: problems named, records that agree and those not proven. */
  record Finding(List<String> problems, long agreeing, long unproven) {}

  /** Compares every record's held files with the newest event that set them. */
  static Finding check(Sql sql) throws IOException {
    Comparison c = new Comparison(sql);
    Pair[] current = {null};
    List<FileState> files = new ArrayList<>();
    Map<Pair, Digest> batch = new HashMap<>();
    sql.forEach("SELECT destination, archival_id, path, size, sha256 FROM held_file "
        + "ORDER BY destination, archival_id", rs -> {
          Pair pair = new Pair(rs.getString(1), rs.getString(2));
          if (!pair.equals(current[0]) && current[0] != null) {
            batch.put(current[0], digest(files));
            files.clear();
            if (batch.size() == BATCH) {
              c.compare(batch);
              batch.clear();
            }
          }
          current[0] = pair;
          files.add(new FileState(new PackagePath(rs.getString(3)), rs.getLong(4),
              Digest.parse(DigestAlgorithm.SHA256, rs.getString(5))));
        });
    if (current[0] != null) {
      batch.put(current[0], digest(files));
    }
    c.compare(batch);
    c.findVanished();
    return c.finding();
  }

  /** A record at a destination. */
  private record Pair(String destination, String archivalId) {}

  /** The newest event that set a record's held files, and what it set them to. */
  private record Setting(long id, Digest held) {}

  /** The comparison in progress. */
  private static final class Comparison {
    private final Sql sql;
    private final List<String> problems = new ArrayList<>();
    /** The first event that set held files, once a record without any asks for it. */
    private Long firstBound;
    private long disagreeing;
    private long agreeing;
    private long unproven;

    Comparison(Sql sql) {
      this.sql = sql;
    }

    /**
     * Returns the id of the first event that set held files (none: the largest id), read only
     * when a record has held files no event set: it takes a pass over every event.
     */
    private long firstBound() throws IOException {
      if (firstBound == null) {
        firstBound = sql.queryOne("SELECT MIN(id) FROM sync_event WHERE held IS NOT NULL",
            rs -> rs.getObject(1) == null ? null : rs.getLong(1)).orElse(Long.MAX_VALUE);
      }
      return firstBound;
    }

    void compare(Map<Pair, Digest> batch) throws IOException {
      if (batch.isEmpty()) {
        return;
      }
      Map<Pair, Setting> settings = settings(batch.keySet());
      for (Map.Entry<Pair, Digest> e : batch.entrySet()) {
        Pair p = e.getKey();
        Setting s = settings.get(p);
        if (s == null && isReportedBeforeBinding(p)) {
          unproven++;
        } else if (s == null) {
          name(p.archivalId() + " at " + p.destination() + ": the ledger keeps held files that "
              + "no event records (inserted outside this application)");
        } else if (!s.held().equals(e.getValue())) {
          name(p.archivalId() + " at " + p.destination() + ": the held files the ledger keeps "
              + "differ from those its event " + s.id() + " recorded (edited outside this "
              + "application)");
        } else {
          agreeing++;
        }
      }
    }

    /** Returns the newest setting event of each pair, in one query. */
    private Map<Pair, Setting> settings(java.util.Set<Pair> pairs) throws IOException {
      List<String> ids = pairs.stream().map(Pair::archivalId).distinct().toList();
      Map<Pair, Setting> out = new HashMap<>();
      sql.forEach("SELECT e.destination, e.archival_id, e.id, e.held FROM sync_event e WHERE "
          + "e.archival_id IN " + Sql.inList(ids.size()) + " AND e.held IS NOT NULL AND e.id = "
          + "(SELECT MAX(x.id) FROM sync_event x WHERE x.archival_id = e.archival_id AND "
          + "x.destination = e.destination AND x.held IS NOT NULL)",
          rs -> out.put(new Pair(rs.getString(1), rs.getString(2)), new Setting(rs.getLong(3),
              Digest.parse(DigestAlgorithm.SHA256, rs.getString(4)))), ids.toArray());
      return out;
    }

    /** Returns whether a receipt reported the pair's held files before events bound them. */
    private boolean isReportedBeforeBinding(Pair p) throws IOException {
      return sql.queryOne("SELECT COUNT(*) FROM sync_event WHERE archival_id = ? AND "
          + "destination = ? AND held IS NULL AND state IN ('confirmed', 'failed') AND id < ?",
          rs -> rs.getLong(1) > 0, p.archivalId(), p.destination(),
          firstBound()).orElse(false);
    }

    /** Names the records whose newest setting says they hold files the ledger no longer has. */
    void findVanished() throws IOException {
      sql.forEach("SELECT e.destination, e.archival_id, e.id FROM sync_event e WHERE e.held "
          + "IS NOT NULL AND e.held <> ? AND e.id = (SELECT MAX(x.id) FROM sync_event x WHERE "
          + "x.archival_id = e.archival_id AND x.destination = e.destination AND x.held IS NOT "
          + "NULL) AND NOT EXISTS (SELECT 1 FROM held_file h WHERE h.destination = "
          + "e.destination AND h.archival_id = e.archival_id) ORDER BY e.archival_id",
          rs -> name(rs.getString(2) + " at " + rs.getString(1) + ": its event "
              + rs.getLong(3) + " recorded held files the ledger no longer keeps (deleted "
              + "outside this application)"), NONE.hex());
    }

    private void name(String problem) {
      if (++disagreeing <= NAMED) {
        problems.add(problem);
      }
    }

    Finding finding() {
      List<String> all = new ArrayList<>(problems);
      if (disagreeing > NAMED) {
        all.add("… and " + (disagreeing - NAMED) + " more records whose held files disagree");
      }
      return new Finding(all, agreeing, unproven);
    }
  }
}
