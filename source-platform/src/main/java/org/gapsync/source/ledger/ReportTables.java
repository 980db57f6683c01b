package org.gapsync.source.ledger;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.gapsync.platform.ledger.Sql;

/**
 * What the ledger's reports read: per destination the records by the state of their newest
 * version, the confirmations of a period, the records that fail or wait longest, and the
 * records no destination was given. Each list is bounded; counts are counted by the database.
 */
public final class ReportTables {
  // A row is its record's newest version at its destination: an older version is either
  // confirmed before the newer was queued, or cancelled when it was superseded.
  private static final String NEWEST = "NOT EXISTS (SELECT 1 FROM sync_state n WHERE "
      + "n.archival_id = s.archival_id AND n.destination = s.destination AND n.version > "
      + "s.version)";

  private final Transaction tx;

  ReportTables(Transaction tx) {
    this.tx = tx;
  }

  /**
   * A record version at a destination, as a report lists it.
   *
   * @param row its sync state
   * @param title the record's title, or empty if the ledger holds none
   */
  public record Line(SyncRow row, String title) {}

  /**
   * The confirmations at a destination in a period.
   *
   * @param count how many record versions were confirmed
   * @param first the first confirmation, if any
   * @param last the last confirmation, if any
   */
  public record Confirmations(long count, Optional<Instant> first, Optional<Instant> last) {}

  /**
   * A record no destination was given, as a report lists it.
   *
   * @param archivalId its archival id
   * @param title its title
   * @param fonds its fonds
   * @param year its year
   */
  public record Unselected(String archivalId, String title, String fonds, String year) {}

  /** Returns how many records are in each state at {@code destination}, by their newest version. */
  public Map<SyncState, Long> recordsByState(String destination) throws IOException {
    Map<SyncState, Long> counts = new EnumMap<>(SyncState.class);
    for (SyncState s : SyncState.values()) {
      counts.put(s, 0L);
    }
    tx.forEach("SELECT s.state, COUNT(*) FROM sync_state s WHERE s.destination = ? AND "
        + NEWEST + " GROUP BY s.state", rs -> counts.put(SyncState.of(rs.getString(1)),
            rs.getLong(2)), destination);
    return counts;
  }

  /** Returns the confirmations at {@code destination} from {@code from} on (ever if empty). */
  public Confirmations confirmed(String destination, Optional<Instant> from)
      throws IOException {
    return tx.queryOne("SELECT COUNT(*) AS n, MIN(at) AS first_at, MAX(at) AS last_at FROM "
        + "sync_event WHERE destination = ? AND state = 'confirmed' AND at >= ?",
        rs -> new Confirmations(rs.getLong("n"), Optional.ofNullable(Sql.instant(rs,
            "first_at")), Optional.ofNullable(Sql.instant(rs, "last_at"))), destination,
        from.orElse(Instant.EPOCH)).orElseThrow();
  }

  /** Returns how many records at {@code destination} are in one of {@code states}. */
  public long count(String destination, List<SyncState> states) throws IOException {
    return tx.queryOne("SELECT COUNT(*) FROM sync_state s WHERE s.destination = ? AND s.state"
        + " IN " + Sql.inList(states.size()) + " AND " + NEWEST, rs -> rs.getLong(1),
        args(destination, states)).orElseThrow();
  }

  /**
   * Returns the {@code limit} records at {@code destination} that have been in one of
   * {@code states} longest, longest first.
   */
  public List<Line> longest(String destination, List<SyncState> states, int limit)
      throws IOException {
    return tx.query("SELECT s.archival_id, s.destination, s.version, s.change_kind, s.state, "
        + "s.package_id, s.attempts, s.last_failure, s.updated_at, t.field_value FROM "
        + "sync_state s LEFT JOIN record_field t ON t.archival_id = s.archival_id AND t.name = "
        + "'title' WHERE s.destination = ? AND s.state IN " + Sql.inList(states.size())
        + " AND " + NEWEST + " ORDER BY s.updated_at, s.archival_id FETCH FIRST " + limit
        + " ROWS ONLY", ReportTables::line, args(destination, states));
  }

  /** Returns when the last receipt from {@code destination} was ingested, if one was. */
  public Optional<Instant> lastReceipt(String destination) throws IOException {
    Instant[] last = {null};
    tx.forEach("SELECT MAX(at) AS last_at FROM (SELECT receipt_at AS at FROM sync_package "
        + "WHERE destination = ? UNION ALL SELECT v.receipt_at FROM package_volume v JOIN "
        + "sync_package p ON p.id = v.package_id WHERE p.destination = ?) r",
        rs -> last[0] = Sql.instant(rs, "last_at"), destination, destination);
    return Optional.ofNullable(last[0]);
  }

  /** Returns how many live records no destination was ever given. */
  public long unselectedCount() throws IOException {
    return tx.queryOne("SELECT COUNT(*) FROM record r WHERE r.deleted = FALSE AND NOT EXISTS "
        + "(SELECT 1 FROM sync_state s WHERE s.archival_id = r.archival_id)",
        rs -> rs.getLong(1)).orElseThrow();
  }

  /** Returns the first {@code limit} live records no destination was given, by archival id. */
  public List<Unselected> unselected(int limit) throws IOException {
    return tx.query("SELECT r.archival_id, "
        + field("title") + ", " + field("fonds") + ", " + field("year") + " FROM record r "
        + "WHERE r.deleted = FALSE AND NOT EXISTS (SELECT 1 FROM sync_state s WHERE "
        + "s.archival_id = r.archival_id) ORDER BY r.archival_id FETCH FIRST " + limit
        + " ROWS ONLY", rs -> new Unselected(rs.getString(1), value(rs, 2), value(rs, 3),
            value(rs, 4)));
  }

  /** Returns the SQL of record {@code r}'s metadata field {@code name}, null when it has none. */
  static String field(String name) {
    return "(SELECT f.field_value FROM record_field f WHERE f.archival_id = r.archival_id AND "
        + "f.name = '" + name + "')";
  }

  /** Returns the text in {@code column} of the row, empty for a null. */
  static String value(ResultSet rs, int column) throws SQLException {
    String v = rs.getString(column);
    return v == null ? "" : v;
  }

  private static Object[] args(String destination, List<SyncState> states) {
    return Stream.concat(Stream.of(destination),
        states.stream().map(SyncState::label)).toArray();
  }

  private static Line line(ResultSet rs) throws SQLException {
    return new Line(SyncTables.row(rs), value(rs, 10));
  }

  /**
   * What a package's registration form names it by, as its build recorded it.
   *
   * @param manifest the digest of its tag manifest, for a package written whole and recorded
   * @param files how many files it carries, if recorded
   * @param isOnline whether it went online through the ferry's outbox
   */
  public record FormFacts(Optional<String> manifest, java.util.OptionalLong files,
      boolean isOnline) {}

  /** Returns what package {@code id}'s build recorded for its form. */
  public FormFacts formFacts(org.gapsync.format.PackageId id) throws IOException {
    return tx.queryOne("SELECT manifest_sha256, file_count, online FROM sync_package WHERE id "
        + "= ?", rs -> new FormFacts(Optional.ofNullable(rs.getString(1)),
            rs.getObject(2) == null ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(rs.getLong(2)), rs.getBoolean(3)), id)
        .orElseThrow();
  }

  /** Returns the digest of the tag manifest of each volume of {@code id}, by volume. */
  public Map<Integer, String> volumeManifests(org.gapsync.format.PackageId id)
      throws IOException {
    Map<Integer, String> digests = new java.util.TreeMap<>();
    tx.forEach("SELECT volume, manifest_sha256 FROM package_volume WHERE package_id = ?",
        rs -> digests.put(rs.getInt(1), rs.getString(2)), id);
    return digests;
  }

  /** Something done with each record a package carried. */
  @FunctionalInterface
  public interface EachCarried {
    /** Takes one record: its fonds, its year and what the package did to it. */
    void accept(String fonds, String year, String change) throws IOException;
  }

  /**
   * Hands each record package {@code id} carried to {@code each}, with its fonds and year as
   * the holdings say now and the change the package made, through one cursor.
   */
  public void forEachCarried(org.gapsync.format.PackageId id, EachCarried each)
      throws IOException {
    tx.forEach("SELECT " + field("fonds") + ", " + field("year") + ", s.change_kind FROM "
        + "sync_event e JOIN sync_state s ON s.archival_id = e.archival_id AND s.destination = "
        + "e.destination AND s.version = e.version JOIN record r ON r.archival_id = "
        + "e.archival_id WHERE e.package_id = ? AND e.state = 'exported' ORDER BY e.id",
        rs -> each.accept(value(rs, 1), value(rs, 2), rs.getString(3)), id);
  }

  /** Returns how many files of each kind (by extension) package {@code id} carried records of. */
  public Map<String, Long> formatsCarried(org.gapsync.format.PackageId id) throws IOException {
    Map<String, Long> kinds = new java.util.TreeMap<>();
    tx.forEach("SELECT f.path FROM sync_event e JOIN expected_file f ON f.destination = "
        + "e.destination AND f.archival_id = e.archival_id AND f.version = e.version WHERE "
        + "e.package_id = ? AND e.state = 'exported'", rs -> {
          String path = rs.getString(1);
          if (!path.equals("metadata.xml")) {
            int dot = path.lastIndexOf('.');
            String kind = dot < 0 || dot < path.lastIndexOf('/') ? "(none)"
                : path.substring(dot + 1).toUpperCase(java.util.Locale.ROOT);
            kinds.merge(kind, 1L, Long::sum);
          }
        }, id);
    return kinds;
  }
}
