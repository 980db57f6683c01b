package org.gapsync.platform.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  private static final String MIGRATIONS = "classpath:test-ledger";

  @TempDir
  Path dir;

  private long fileSize() throws Exception {
    return Files.size(dir.resolve("ledger.mv.db"));
  }

  private static long count(Database db) throws Exception {
    return db.<Long>inTransaction(sql -> sql.queryOne("SELECT COUNT(*) FROM item",
        rs -> rs.getLong(1)).orElseThrow());
  }

  @Test
  void bigTransactionLeavesNoBloatedFileBehind() throws Exception {
    try (Database db = Database.open(dir, MIGRATIONS)) {
      db.inTransaction(sql -> {
        try (Sql.Batch insert = sql.batch("INSERT INTO item (id, body) VALUES (?, ?)")) {
          for (long i = 0; i < 100_000; i++) {
            insert.add(i, "a record's file, as a scan would write it: " + i);
          }
        }
        return sql.update("DELETE FROM item WHERE MOD(id, 10) <> 0");
      });
    }

    try (Database db = Database.open(dir, MIGRATIONS)) {
      assertEquals(10_000L, count(db));
    }
    assertTrue(fileSize() < 2_000_000, "compacted on close: " + fileSize() + " bytes");
  }

  @Test
  void rolledBackWorkLeavesNothing() throws Exception {
    try (Database db = Database.open(dir, MIGRATIONS)) {
      try {
        db.inTransaction(sql -> {
          sql.update("INSERT INTO item (id, body) VALUES (1, 'x')");
          throw new IllegalStateException("interrupted");
        });
      } catch (IllegalStateException expected) {
        // The work failed; the row must not stay.
      }
      assertEquals(0L, count(db));
    }
  }
}
