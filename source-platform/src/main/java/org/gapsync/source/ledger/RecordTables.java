package org.gapsync.source.ledger;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.platform.ledger.Sql;

/** The records of the holdings, their metadata fields, files, and the changes captured. */
public final class RecordTables {
  private final Transaction tx;

  RecordTables(Transaction tx) {
    this.tx = tx;
  }

  /** Returns every record the ledger knows, deleted ones included, by archival id. */
  public Map<String, StoredRecord> all() throws SQLException {
    Map<String, Map<String, StoredFile>> files = new HashMap<>();
    tx.query("SELECT archival_id, path, size, modified_ns, sha256 FROM record_file", rs -> {
      files.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
          new StoredFile(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5)));
      return null;
    });
    Map<String, StoredRecord> records = new LinkedHashMap<>();
    tx.query("SELECT archival_id, folder, version, deleted FROM record ORDER BY archival_id",
        rs -> records.put(rs.getString(1), new StoredRecord(rs.getString(1), rs.getString(2),
            rs.getLong(3), rs.getBoolean(4), files.getOrDefault(rs.getString(1), Map.of()))));
    return records;
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

  /** Inserts or replaces one file of a record. */
  public void putFile(String archivalId, StoredFile file) throws SQLException {
    removeFile(archivalId, file.path());
    tx.update("INSERT INTO record_file (archival_id, path, size, modified_ns, sha256) "
        + "VALUES (?, ?, ?, ?, ?)", archivalId, file.path(), file.size(), file.modifiedNanos(),
        file.sha256());
  }

  /** Removes one file of a record. */
  public void removeFile(String archivalId, String path) throws SQLException {
    tx.update("DELETE FROM record_file WHERE archival_id = ? AND path = ?", archivalId, path);
  }

  /** Records a captured change: its kind, the files it touched, time and actor. */
  public void addChange(String archivalId, long version, String kind, List<String> files)
      throws SQLException {
    tx.update("INSERT INTO change_event (archival_id, version, kind, files, at, actor) "
        + "VALUES (?, ?, ?, ?, ?, ?)", archivalId, version, kind, String.join("\n", files),
        tx.now(), tx.actor());
  }
}
