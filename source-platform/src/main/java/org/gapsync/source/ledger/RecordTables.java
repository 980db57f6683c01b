package org.gapsync.source.ledger;

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
  public void forEachRecord(Consumer<RecordStat> each) throws SQLException {
    tx.forEach("SELECT archival_id, folder, version, deleted, stat_digest FROM record",
        rs -> each.accept(new RecordStat(rs.getString(1), rs.getString(2), rs.getLong(3),
            rs.getBoolean(4), Optional.ofNullable(rs.getString(5)))));
  }

  /** Sets the digest of a record's files' names, sizes and times, or clears it. */
  public void putStatDigest(String archivalId, Optional<String> statDigest)
      throws SQLException {
    tx.update("UPDATE record SET stat_digest = ? WHERE archival_id = ?",
        statDigest.orElse(null), archivalId);
  }

  /** Returns one record, if the ledger knows it. */
  public Optional<StoredRecord> get(String archivalId) throws SQLException {
    Map<String, StoredFile> files = new HashMap<>();
    tx.query("SELECT path, size, modified_ns, sha256 FROM record_file WHERE archival_id = ?",
        rs -> files.put(rs.getString(1), new StoredFile(rs.getString(1), rs.getLong(2),
            rs.getLong(3), rs.getString(4))), archivalId);
    return tx.queryOne("SELECT folder, version, deleted FROM record WHERE archival_id = ?",
        rs -> new StoredRecord(archivalId, rs.getString(1), rs.getLong(2), rs.getBoolean(3),
            files), archivalId);
  }

  /** Inserts or updates a record's row. */
  public void put(String archivalId, String folder, long version, boolean deleted)
      throws SQLException {
    int n = tx.update("UPDATE record SET folder = ?, version = ?, deleted = ?, updated_at = ? "
        + "WHERE archival_id = ?", folder, version, deleted, tx.now(), archivalId);
    if (n == 0) {
      tx.update("INSERT INTO record (archival_id, folder, version, deleted, updated_at) "
          + "VALUES (?, ?, ?, ?, ?)", archivalId, folder, version, deleted, tx.now());
    }
  }

  /** Replaces a record's metadata fields. */
  public void putFields(RecordMetadata metadata) throws SQLException {
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
  public Optional<RecordMetadata> fields(String archivalId) throws SQLException {
    Map<String, String> fields = new LinkedHashMap<>();
    tx.query("SELECT name, field_value FROM record_field WHERE archival_id = ? "
        + "ORDER BY position", rs -> fields.put(rs.getString(1), rs.getString(2)), archivalId);
    return fields.isEmpty() ? Optional.empty() : Optional.of(new RecordMetadata(fields));
  }

  /** Writes a record's changed files and removes its removed ones, in two batches. */
  public void putFiles(String archivalId, List<StoredFile> changed, List<String> removed)
      throws SQLException {
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
      throws SQLException {
    tx.update("INSERT INTO change_event (archival_id, version, kind, files, at, actor) "
        + "VALUES (?, ?, ?, ?, ?, ?)", archivalId, version, kind, String.join("\n", files),
        tx.now(), tx.actor());
  }
}
