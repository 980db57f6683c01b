package org.gapsync.source.ledger;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.platform.ledger.Sql;

/** The records of the holdings, their metadata fields, files, and the changes captured. */
public final class RecordTables {
  private final Transaction tx;

  RecordTables(Transaction tx) {
    this.tx = tx;
  }

  /** Hands every record to {@code each}, deleted ones included, without their files. */
  public void forEachRecord(Consumer<RecordStat> each) throws IOException {
    tx.forEach(STAT, rs -> each.accept(stat(rs)));
  }

  /** Hears records one at a time. */
  @FunctionalInterface
  public interface StatConsumer {
    /** Takes one record; it may read and write the ledger in the same transaction. */
    void accept(RecordStat record) throws IOException;
  }

  /**
   * Hands every record, deleted ones included, without their files, to {@code each} in
   * archival id order, through one cursor.
   */
  public void forEachRecordById(StatConsumer each) throws IOException {
    tx.forEach(STAT + " ORDER BY archival_id", rs -> each.accept(stat(rs)));
  }

  /**
   * Hands each record whose folder lies directly in {@code parent} to {@code each}, deleted
   * ones included, without their files.
   */
  public void forEachRecordIn(String parent, Consumer<RecordStat> each) throws IOException {
    tx.forEach(STAT + " WHERE parent = ?", rs -> each.accept(stat(rs)), parent);
  }

  /** Returns a record without its files, if the ledger knows it. */
  public Optional<RecordStat> stat(String archivalId) throws IOException {
    return tx.queryOne(STAT + " WHERE archival_id = ?", RecordTables::stat, archivalId);
  }

  /** Returns those of {@code ids} that the ledger knows, without their files, by id. */
  public Map<String, RecordStat> stats(List<String> ids) throws IOException {
    Map<String, RecordStat> found = new HashMap<>();
    if (!ids.isEmpty()) {
      tx.forEach(STAT + " WHERE archival_id IN " + Sql.inList(ids.size()),
          rs -> found.put(rs.getString(1), stat(rs)), ids.toArray());
    }
    return found;
  }

  /** Returns whether the ledger holds no record at all, deleted or not: a first scan. */
  public boolean isEmpty() throws IOException {
    return tx.queryOne("SELECT 1 FROM record FETCH FIRST 1 ROWS ONLY", rs -> true).isEmpty();
  }

  /**
   * A record the ledger has never held, as a first scan found it.
   *
   * @param metadata its metadata fields; its identifier is the archival id
   * @param folder its folder
   * @param parent the folder its folder lies in
   * @param files its files, hashed
   * @param statDigest the digest of its files' names, sizes and times, if all were recorded
   */
  public record NewRecord(RecordMetadata metadata, String folder, String parent,
      List<StoredFile> files, Optional<String> statDigest) {
    /** Copies the files. */
    public NewRecord {
      files = List.copyOf(files);
    }
  }

  /**
   * Inserts records the ledger has never held, at version 1, with their files, fields and
   * change events, in one batch per table: what a first scan writes, at a fraction of the
   * statements of {@link #put} and its siblings one record at a time.
   */
  public void insertNew(List<NewRecord> records) throws IOException {
    try (Sql.Batch record = tx.batch("INSERT INTO record (archival_id, folder, parent, version, "
        + "deleted, updated_at, stat_digest) VALUES (?, ?, ?, 1, FALSE, ?, ?)");
        Sql.Batch file = tx.batch("INSERT INTO record_file (archival_id, path, size, "
            + "modified_ns, sha256) VALUES (?, ?, ?, ?, ?)");
        Sql.Batch field = tx.batch("INSERT INTO record_field (archival_id, position, name, "
            + "field_value) VALUES (?, ?, ?, ?)");
        Sql.Batch change = tx.batch("INSERT INTO change_event (archival_id, version, kind, "
            + "files, at, actor) VALUES (?, 1, 'add', ?, ?, ?)")) {
      for (NewRecord r : records) {
        String id = r.metadata().identifier();
        record.add(id, r.folder(), r.parent(), tx.now(), r.statDigest().orElse(null));
        for (StoredFile f : r.files()) {
          file.add(id, f.path(), f.size(), f.modifiedNanos(), f.sha256());
        }
        int position = 0;
        for (Map.Entry<String, String> f : r.metadata().fields().entrySet()) {
          field.add(id, position++, f.getKey(), f.getValue());
        }
        change.add(id, String.join("\n", r.files().stream().map(StoredFile::path).toList()),
            tx.now(), tx.actor());
      }
    }
  }

  /** Returns whether a record lacks its parent folder (recorded before it was kept). */
  public boolean hasRecordWithoutParent() throws IOException {
    return tx.queryOne("SELECT 1 FROM record WHERE parent IS NULL FETCH FIRST 1 ROWS ONLY",
        rs -> true).isPresent();
  }

  /** Sets the parent folder of many records at once, by archival id. */
  public void putParents(Map<String, String> parentById) throws IOException {
    try (Sql.Batch batch = tx.batch("UPDATE record SET parent = ? WHERE archival_id = ?")) {
      for (Map.Entry<String, String> e : parentById.entrySet()) {
        batch.add(e.getValue(), e.getKey());
      }
    }
  }

  /** Returns how many records the ledger holds as not deleted. */
  public long liveCount() throws IOException {
    return tx.queryOne("SELECT COUNT(*) FROM record WHERE deleted = FALSE",
        rs -> rs.getLong(1)).orElse(0L);
  }

  /**
   * Returns the digest of each parent folder's live records, by parent; empty for a parent
   * one of whose records has no stat digest.
   */
  public Map<String, Optional<String>> parentDigests() throws IOException {
    Map<String, Optional<String>> digests = new HashMap<>();
    tx.forEach("SELECT parent, stat_digest FROM record_parent",
        rs -> digests.put(rs.getString(1), Optional.ofNullable(rs.getString(2))));
    return digests;
  }

  /**
   * Returns the folders and stat digests of the live records directly in {@code parent}; a
   * digest is empty for a record left partly unrecorded.
   */
  public Map<String, Optional<String>> liveIn(String parent) throws IOException {
    Map<String, Optional<String>> live = new HashMap<>();
    tx.forEach("SELECT folder, stat_digest FROM record WHERE parent = ? AND deleted = FALSE",
        rs -> live.put(rs.getString(1), Optional.ofNullable(rs.getString(2))), parent);
    return live;
  }

  /** Sets the digest of a parent folder's live records; empty if one has no stat digest. */
  public void putParentDigest(String parent, Optional<String> digest) throws IOException {
    String value = digest.orElse(null);
    if (tx.update("UPDATE record_parent SET stat_digest = ? WHERE parent = ?", value,
        parent) == 0) {
      tx.update("INSERT INTO record_parent (parent, stat_digest) VALUES (?, ?)", parent,
          value);
    }
  }

  /** Forgets a parent folder that holds no live record any more. */
  public void removeParent(String parent) throws IOException {
    tx.update("DELETE FROM record_parent WHERE parent = ?", parent);
  }

  static final String STAT =
      "SELECT archival_id, folder, version, deleted, stat_digest FROM record";

  static RecordStat stat(ResultSet rs) throws SQLException {
    return new RecordStat(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4),
        Optional.ofNullable(rs.getString(5)));
  }

  /** Sets the digest of a record's files' names, sizes and times, or clears it. */
  public void putStatDigest(String archivalId, Optional<String> statDigest)
      throws IOException {
    tx.update("UPDATE record SET stat_digest = ? WHERE archival_id = ?",
        statDigest.orElse(null), archivalId);
  }

  /** Returns one record, if the ledger knows it. */
  public Optional<StoredRecord> get(String archivalId) throws IOException {
    Map<String, StoredFile> files = new HashMap<>();
    tx.query("SELECT path, size, modified_ns, sha256 FROM record_file WHERE archival_id = ?",
        rs -> files.put(rs.getString(1), new StoredFile(rs.getString(1), rs.getLong(2),
            rs.getLong(3), rs.getString(4))), archivalId);
    return tx.queryOne("SELECT folder, version, deleted FROM record WHERE archival_id = ?",
        rs -> new StoredRecord(archivalId, rs.getString(1), rs.getLong(2), rs.getBoolean(3),
            files), archivalId);
  }

  /**
   * Returns the records of {@code ids} that the ledger knows, by id, in two queries: how a build
   * reads a batch of the records it plans.
   */
  public Map<String, StoredRecord> get(List<String> ids) throws IOException {
    if (ids.isEmpty()) {
      return Map.of();
    }
    String in = Sql.inList(ids.size());
    Object[] args = ids.toArray();
    Map<String, Map<String, StoredFile>> files = new HashMap<>();
    tx.forEach("SELECT archival_id, path, size, modified_ns, sha256 FROM record_file "
        + "WHERE archival_id IN " + in, rs -> files.computeIfAbsent(rs.getString(1),
            k -> new HashMap<>()).put(rs.getString(2), new StoredFile(rs.getString(2),
                rs.getLong(3), rs.getLong(4), rs.getString(5))), args);
    Map<String, StoredRecord> out = new HashMap<>();
    tx.forEach("SELECT archival_id, folder, version, deleted FROM record WHERE archival_id IN "
        + in, rs -> out.put(rs.getString(1), new StoredRecord(rs.getString(1), rs.getString(2),
            rs.getLong(3), rs.getBoolean(4), files.getOrDefault(rs.getString(1), Map.of()))),
        args);
    return out;
  }

  /**
   * Inserts or updates a record's row; {@code parent} is the folder its folder lies in. The
   * caller recomputes the digest of every parent folder it changes (where the record was and
   * where it is): a scan leaves alone the records of a folder whose digest is unchanged.
   */
  public void put(String archivalId, String folder, String parent, long version,
      boolean deleted) throws IOException {
    int n = tx.update("UPDATE record SET folder = ?, parent = ?, version = ?, deleted = ?, "
        + "updated_at = ? WHERE archival_id = ?", folder, parent, version, deleted, tx.now(),
        archivalId);
    if (n == 0) {
      tx.update("INSERT INTO record (archival_id, folder, parent, version, deleted, "
          + "updated_at) VALUES (?, ?, ?, ?, ?, ?)", archivalId, folder, parent, version,
          deleted, tx.now());
    }
  }

  /** Replaces a record's metadata fields. */
  public void putFields(RecordMetadata metadata) throws IOException {
    tx.update("DELETE FROM record_field WHERE archival_id = ?", metadata.identifier());
    try (Sql.Batch batch = tx.batch("INSERT INTO record_field (archival_id, position, "
        + "name, field_value) VALUES (?, ?, ?, ?)")) {
      int position = 0;
      for (Map.Entry<String, String> f : metadata.fields().entrySet()) {
        batch.add(metadata.identifier(), position++, f.getKey(), f.getValue());
      }
    }
  }

  /** Returns a record's metadata fields as last scanned. */
  public Optional<RecordMetadata> fields(String archivalId) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    tx.query("SELECT name, field_value FROM record_field WHERE archival_id = ? "
        + "ORDER BY position", rs -> fields.put(rs.getString(1), rs.getString(2)), archivalId);
    return fields.isEmpty() ? Optional.empty() : Optional.of(new RecordMetadata(fields));
  }

  /** Returns the metadata fields of the records of {@code ids} that have them, by id. */
  public Map<String, RecordMetadata> fields(List<String> ids) throws IOException {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, String>> fields = new HashMap<>();
    tx.forEach("SELECT archival_id, name, field_value FROM record_field WHERE archival_id IN "
        + Sql.inList(ids.size()) + " ORDER BY archival_id, position", rs -> fields.computeIfAbsent(
            rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3)),
        ids.toArray());
    Map<String, RecordMetadata> out = new HashMap<>();
    fields.forEach((id, f) -> out.put(id, new RecordMetadata(f)));
    return out;
  }

  /** Writes a record's changed files and removes its removed ones, in two batches. */
  public void putFiles(String archivalId, List<StoredFile> changed, List<String> removed)
      throws IOException {
    try (Sql.Batch delete = tx.batch("DELETE FROM record_file WHERE archival_id = ? "
        + "AND path = ?")) {
      for (StoredFile f : changed) {
        delete.add(archivalId, f.path());
      }
      for (String path : removed) {
        delete.add(archivalId, path);
      }
    }
    try (Sql.Batch insert = tx.batch("INSERT INTO record_file (archival_id, path, size, "
        + "modified_ns, sha256) VALUES (?, ?, ?, ?, ?)")) {
      for (StoredFile f : changed) {
        insert.add(archivalId, f.path(), f.size(), f.modifiedNanos(), f.sha256());
      }
    }
  }

  /** Records a captured change: its kind, the files it touched, time and actor. */
  public void addChange(String archivalId, long version, String kind, List<String> files)
      throws IOException {
    tx.update("INSERT INTO change_event (archival_id, version, kind, files, at, actor) "
        + "VALUES (?, ?, ?, ?, ?, ?)", archivalId, version, kind, String.join("\n", files),
        tx.now(), tx.actor());
  }
}
