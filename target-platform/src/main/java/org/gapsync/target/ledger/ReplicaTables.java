package org.gapsync.target.ledger;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gapsync.format.PackageId;
import org.gapsync.platform.ledger.Sql;

/** The replica's records and files as the ledger knows them, and their history. */
public final class ReplicaTables {
  private static final String RECORD = "SELECT source_id, archival_id, folder, version, "
      + "deleted, package_id, updated_at FROM replica_record ";
  private final Sql sql;
  private final Transaction tx;

  ReplicaTables(Sql sql, Transaction tx) {
    this.sql = sql;
    this.tx = tx;
  }

  /** Returns the record {@code archivalId} from {@code sourceId}, deleted or not. */
  public Optional<ReplicaRecord> record(String sourceId, String archivalId)
      throws IOException {
    return sql.queryOne(RECORD + "WHERE source_id = ? AND archival_id = ?",
        ReplicaTables::recordRow, sourceId, archivalId);
  }

  /**
   * Returns those of the records {@code archivalIds} from {@code sourceId} that the ledger
   * knows, deleted or not, by archival id: how an import plans a batch of its records.
   */
  public Map<String, ReplicaRecord> records(String sourceId, Collection<String> archivalIds)
      throws IOException {
    Map<String, ReplicaRecord> found = new HashMap<>();
    if (!archivalIds.isEmpty()) {
      sql.forEach(RECORD + "WHERE source_id = ? AND archival_id IN "
          + Sql.inList(archivalIds.size()), rs -> found.put(rs.getString(2), recordRow(rs)),
          with(sourceId, archivalIds));
    }
    return found;
  }

  /**
   * Returns the files the ledger knows of each of the records {@code archivalIds} from
   * {@code sourceId} that has any, by archival id, each record's in path order.
   */
  public Map<String, List<ReplicaFile>> files(String sourceId, Collection<String> archivalIds)
      throws IOException {
    Map<String, List<ReplicaFile>> found = new HashMap<>();
    if (!archivalIds.isEmpty()) {
      sql.forEach("SELECT archival_id, path, size, sha256, package_id FROM replica_file WHERE "
          + "source_id = ? AND archival_id IN " + Sql.inList(archivalIds.size()) + " ORDER BY "
          + "archival_id, path", rs -> found.computeIfAbsent(rs.getString(1),
              k -> new ArrayList<>()).add(new ReplicaFile(rs.getString(2), rs.getLong(3),
                  rs.getString(4), Sql.packageId(rs, "package_id"))),
          with(sourceId, archivalIds));
    }
    return found;
  }

  /** Returns those of {@code folders} that a record of {@code sourceId} holds already. */
  public Set<String> takenFolders(String sourceId, Collection<String> folders)
      throws IOException {
    Map<String, String> byKey = new HashMap<>();
    for (String f : folders) {
      byKey.put(folderKey(sourceId, f), f);
    }
    Set<String> taken = new HashSet<>();
    if (!byKey.isEmpty()) {
      sql.forEach("SELECT folder_key FROM replica_record WHERE folder_key IN "
          + Sql.inList(byKey.size()), rs -> taken.add(byKey.get(rs.getString(1))),
          byKey.keySet().toArray());
    }
    return taken;
  }

  private static Object[] with(String first, Collection<String> rest) {
    Object[] args = new Object[rest.size() + 1];
    args[0] = first;
    int i = 1;
    for (String r : rest) {
      args[i++] = r;
    }
    return args;
  }

  /** Returns the records with {@code archivalId}, from any source. */
  public List<ReplicaRecord> records(String archivalId) throws IOException {
    return sql.query(RECORD + "WHERE archival_id = ? ORDER BY source_id",
        ReplicaTables::recordRow, archivalId);
  }

  /**
   * A record a search found.
   *
   * @param record the record
   * @param title its title, or empty
   */
  public record Found(ReplicaRecord record, String title) {}

  /**
   * What the replica holds: records present and deleted, and the files and bytes of those
   * present.
   *
   * @param present the records not deleted
   * @param deleted the records deleted
   * @param files the files of the records present
   * @param bytes their bytes
   */
  public record Holding(long present, long deleted, long files, long bytes) {}

  /**
   * Returns the first {@code limit} records, by archival id and source, whose archival id (or,
   * unless {@code idOnly}, title) contains {@code text}, in any case.
   */
  public List<Found> search(String text, boolean idOnly, int limit) throws IOException {
    String like = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
        .replace("%", "\\%").replace("_", "\\_") + "%";
    String where = "LOWER(archival_id) LIKE ? ESCAPE '\\'" + (idOnly ? ""
        : " OR LOWER(title) LIKE ? ESCAPE '\\'");
    return sql.query("SELECT source_id, archival_id, folder, version, deleted, package_id, "
        + "updated_at, title FROM replica_record WHERE " + where + " ORDER BY archival_id, "
        + "source_id FETCH FIRST " + limit + " ROWS ONLY", rs -> new Found(recordRow(rs),
            rs.getString("title") == null ? "" : rs.getString("title")),
        idOnly ? new Object[] {like} : new Object[] {like, like});
  }

  /** Returns what the replica holds. */
  public Holding holding() throws IOException {
    long[] records = {0, 0};
    sql.forEach("SELECT deleted, COUNT(*) FROM replica_record GROUP BY deleted",
        rs -> records[rs.getBoolean(1) ? 1 : 0] = rs.getLong(2));
    return sql.queryOne("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM replica_file",
        rs -> new Holding(records[0], records[1], rs.getLong(1), rs.getLong(2))).orElseThrow();
  }

  /** Returns every record not deleted, by source and folder. */
  public List<ReplicaRecord> present() throws IOException {
    return sql.query(RECORD + "WHERE deleted = FALSE ORDER BY source_id, folder",
        ReplicaTables::recordRow);
  }

  /** Returns whether {@code folder} is free for a new record of {@code sourceId}. */
  public boolean isFolderFree(String sourceId, String folder) throws IOException {
    return sql.queryOne("SELECT 1 FROM replica_record WHERE folder_key = ?", rs -> 1,
        folderKey(sourceId, folder)).isEmpty();
  }

  /**
   * Adds or replaces the row of a record, with its title when one is given: without one, the
   * title it had stays (a deletion keeps the name of what was deleted).
   */
  public void putRecord(ReplicaRecord r, Optional<String> title) throws IOException {
    String t = title.orElse(null);
    if (sql.update("UPDATE replica_record SET version = ?, deleted = ?, package_id = ?, "
        + "updated_at = ?, title = COALESCE(?, title) WHERE source_id = ? AND archival_id = ?",
        r.version(), r.isDeleted(), r.packageId(), r.updatedAt(), t, r.sourceId(),
        r.archivalId()) == 0) {
      sql.update("INSERT INTO replica_record (source_id, archival_id, folder, folder_key, "
          + "version, deleted, package_id, updated_at, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
          + "?)", r.sourceId(), r.archivalId(), r.folder(), folderKey(r.sourceId(), r.folder()),
          r.version(), r.isDeleted(), r.packageId(), r.updatedAt(), t);
    }
  }

  /** Returns the title of the record {@code archivalId} from {@code sourceId}, if known. */
  public Optional<String> title(String sourceId, String archivalId) throws IOException {
    return sql.queryOne("SELECT title FROM replica_record WHERE source_id = ? AND "
        + "archival_id = ?", rs -> rs.getString(1), sourceId, archivalId);
  }

  /** Returns the files of a record, by path. */
  public List<ReplicaFile> files(String sourceId, String archivalId) throws IOException {
    return sql.query("SELECT path, size, sha256, package_id FROM replica_file WHERE source_id "
        + "= ? AND archival_id = ? ORDER BY path", rs -> new ReplicaFile(rs.getString(1),
        rs.getLong(2), rs.getString(3), Sql.packageId(rs, "package_id")), sourceId, archivalId);
  }

  /**
   * Returns the record whose folder holds {@code path}, a path under the replica's root
   * ({@code SOURCE/FOLDER/...}), if one does, deleted or not.
   */
  public Optional<ReplicaRecord> recordHolding(String path) throws IOException {
    int slash = path.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    return sql.queryOne(RECORD + "WHERE source_id = ? AND (? LIKE folder || '/%') ORDER BY "
        + "LENGTH(folder) DESC FETCH FIRST 1 ROWS ONLY", ReplicaTables::recordRow,
        path.substring(0, slash), path.substring(slash + 1));
  }

  /** Receives one file the replica should hold. */
  @FunctionalInterface
  public interface ExpectedFile {
    /** Receives the file {@code file} of the record in {@code folder} from {@code sourceId}. */
    void accept(String sourceId, String folder, ReplicaFile file) throws IOException;
  }

  /**
   * Gives {@code each} every file the replica should hold, through one cursor, ordered by
   * source, record folder and path: a record's files one after another.
   */
  public void forEachExpected(ExpectedFile each) throws IOException {
    sql.forEach("SELECT r.source_id, r.folder, f.path, f.size, f.sha256, f.package_id FROM "
        + "replica_file f JOIN replica_record r ON r.source_id = f.source_id AND "
        + "r.archival_id = f.archival_id ORDER BY r.source_id, r.folder, f.path",
        rs -> each.accept(rs.getString(1), rs.getString(2), new ReplicaFile(rs.getString(3),
            rs.getLong(4), rs.getString(5), PackageId.of(rs.getString(6)))));
  }

  /** Records that {@code packageId} put a file into a record. */
  public void putFile(String sourceId, String archivalId, ReplicaFile f) throws IOException {
    sql.update("DELETE FROM replica_file WHERE source_id = ? AND archival_id = ? AND path = ?",
        sourceId, archivalId, f.path());
    sql.update("INSERT INTO replica_file (source_id, archival_id, path, size, sha256, "
        + "package_id) VALUES (?, ?, ?, ?, ?, ?)", sourceId, archivalId, f.path(), f.size(),
        f.sha256(), f.packageId());
    event(sourceId, archivalId, f.path(), "put", f.size(), f.sha256(), f.packageId());
  }

  /** Records that {@code packageId} removed a file from a record. */
  public void removeFile(String sourceId, String archivalId, String path, PackageId packageId)
      throws IOException {
    sql.update("DELETE FROM replica_file WHERE source_id = ? AND archival_id = ? AND path = ?",
        sourceId, archivalId, path);
    event(sourceId, archivalId, path, "removed", null, null, packageId);
  }

  /** Returns what every package did to a record's files, oldest first. */
  public List<FileEvent> history(String sourceId, String archivalId) throws IOException {
    return sql.query("SELECT path, action, sha256, package_id, at FROM file_event WHERE "
        + "source_id = ? AND archival_id = ? ORDER BY id", rs -> new FileEvent(rs.getString(1),
        rs.getString(2), Optional.ofNullable(rs.getString(3)).orElse(""), Sql.packageId(rs,
        "package_id"),
        Sql.instant(rs, "at")), sourceId, archivalId);
  }

  private void event(String sourceId, String archivalId, String path, String action, Long size,
      String sha256, PackageId packageId) throws IOException {
    sql.update("INSERT INTO file_event (source_id, archival_id, path, action, size, sha256, "
        + "package_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sourceId, archivalId, path, action,
        size, sha256, packageId, tx.now());
  }

  private static String folderKey(String sourceId, String folder) {
    return (sourceId + "/" + folder).toLowerCase(Locale.ROOT);
  }

  private static ReplicaRecord recordRow(java.sql.ResultSet rs) throws SQLException {
    return new ReplicaRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
        rs.getBoolean(5), Sql.packageId(rs, "package_id"), Sql.instant(rs, "updated_at"));
  }

  /**
   * Replaces what is known damaged of {@code sourceId}'s records with {@code found}: what a
   * re-read of the whole replica found.
   */
  public void replaceDamage(String sourceId, List<ReplicaDamage> found) throws IOException {
    sql.update("DELETE FROM replica_damage WHERE source_id = ?", sourceId);
    try (Sql.Batch batch = sql.batch("INSERT INTO replica_damage (source_id, archival_id, "
        + "version, damage, found_at, report_id) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (ReplicaDamage d : found) {
        batch.add(d.sourceId(), d.archivalId(), d.version(), d.damage(), d.foundAt(),
            d.reportId());
      }
    }
  }

  /** Forgets the damage of a record that a package has just applied again. */
  public void clearDamage(String sourceId, String archivalId) throws IOException {
    sql.update("DELETE FROM replica_damage WHERE source_id = ? AND archival_id = ?", sourceId,
        archivalId);
  }

  /** Returns every record known damaged, by source and archival id. */
  public List<ReplicaDamage> damage() throws IOException {
    return sql.query("SELECT source_id, archival_id, version, damage, found_at, report_id "
        + "FROM replica_damage ORDER BY source_id, archival_id",
        rs -> new ReplicaDamage(rs.getString(1), rs.getString(2), rs.getLong(3),
            rs.getString(4), Sql.instant(rs, "found_at"), Sql.packageId(rs, "report_id")));
  }
}
