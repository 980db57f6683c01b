package org.gapsync.platform.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded ledger's own files and history (its shared form: {@link SharedLedgerTest}). */
@Tag("embedded-ledger")
class DatabaseTest {
  private static final Migrations MIGRATIONS = NewestMigration.TEST_LEDGER;

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
  void testLedgerNamesItsNewestMigration() {
    assertEquals(NewestMigration.at(MIGRATIONS.location()), MIGRATIONS.latest());
  }

  /** How an earlier release laid the ledger out: the shared tables in the app's history. */
  private static final Migrations LEGACY = Migrations.of("classpath:test-ledger-legacy", "4");
  /** The application of {@link #LEGACY} today: its audit migrations moved to the shared ones. */
  private static final Migrations TODAY = MIGRATIONS.retiring("2", "3", "4");

  private void createAsAnEarlierRelease(String upTo) {
    Flyway.configure().dataSource("jdbc:h2:file:" + dir.resolve("ledger"), "sa", "")
        .locations(LEGACY.location()).target(upTo).load().migrate();
  }

  private static String lastOf(Database db, String history) throws Exception {
    return db.inTransaction(sql -> sql.queryOne("SELECT \"version\" FROM \"" + history
        + "\" ORDER BY \"installed_rank\" DESC LIMIT 1", rs -> rs.getString(1))
        .orElseThrow());
  }

  private static long digestColumns(Database db) throws Exception {
    return db.<Long>inTransaction(sql -> sql.queryOne("SELECT COUNT(*) FROM "
        + "INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'AUDIT_EVENT' AND COLUMN_NAME = "
        + "'DIGEST'", rs -> rs.getLong(1)).orElseThrow());
  }

  @Test
  void newLedgerKeepsTheSharedTablesInTheirOwnHistory() throws Exception {
    try (Database db = Database.open(dir, TODAY)) {
      assertEquals(Migrations.SHARED.latest(), lastOf(db, "platform_schema_history"));
      assertEquals("1", lastOf(db, "flyway_schema_history"));
      assertEquals(1L, digestColumns(db));
      db.inTransaction(sql -> sql.update("INSERT INTO platform_user (name, role, added_at, "
          + "added_by) VALUES ('li.na', 'admin', CURRENT_TIMESTAMP, 'li.na')"));
    }
  }

  @Test
  void ledgerOfAnEarlierReleaseKeepsItsTrailAndStartsTheSharedHistoryAtWhatItHolds()
      throws Exception {
    createAsAnEarlierRelease("4");
    try (Database db = Database.open(dir, LEGACY)) {
      db.inTransaction(sql -> sql.update("INSERT INTO audit_event (seq, at, actor, action, "
          + "object, outcome, details, previous_hash, hash) VALUES (1, CURRENT_TIMESTAMP, "
          + "'li.na', 'init', '', 'success', '', '0', '1')"));
    }

    try (Database db = Database.open(dir, TODAY)) {
      assertEquals(Migrations.SHARED.latest(), lastOf(db, "platform_schema_history"),
          "baselined at what it holds, the newer shared migrations applied");
      assertEquals(1L, db.<Long>inTransaction(sql -> sql.queryOne("SELECT COUNT(*) FROM "
          + "audit_event", rs -> rs.getLong(1)).orElseThrow()));
      db.inTransaction(sql -> sql.update("INSERT INTO platform_user (name, role, added_at, "
          + "added_by) VALUES ('li.na', 'admin', CURRENT_TIMESTAMP, 'li.na')"));
    }
    try (Database db = Database.open(dir, TODAY)) {
      assertEquals("4", lastOf(db, "flyway_schema_history"), "its retired versions stay");
    }
  }

  @Test
  void ledgerOfAnEarlierReleaseWithoutUsersOrDigestGetsThem() throws Exception {
    createAsAnEarlierRelease("2");
    try (Database db = Database.open(dir, TODAY)) {
      assertEquals(1L, digestColumns(db));
      assertEquals(Migrations.SHARED.latest(), lastOf(db, "platform_schema_history"));
    }
  }

  @Test
  void ledgerOfANewerReleaseIsRefused() throws Exception {
    createAsAnEarlierRelease("4");
    LedgerException e = assertThrows(LedgerException.class,
        () -> Database.open(dir, MIGRATIONS).close());
    assertTrue(e.getMessage().contains("schema is version 4, newer than this release knows (1)"),
        e.getMessage());
  }

  @Test
  void currentLedgerOpensWithoutResolvingMigrations() throws Exception {
    try (Database db = Database.open(dir, MIGRATIONS)) {
      db.inTransaction(sql -> sql.update("INSERT INTO item (id, body) VALUES (1, 'kept')"));
    }

    // Flyway refuses these migrations (V1 differs from the one applied), so a ledger that opens
    // with them was not handed to Flyway; one that expects a newer migration still is.
    Migrations edited = Migrations.of("classpath:test-ledger-edited", MIGRATIONS.latest());
    try (Database db = Database.open(dir, edited)) {
      assertEquals(1L, count(db));
    }
    Migrations newer = Migrations.of("classpath:test-ledger-edited", "4");
    LedgerException e = assertThrows(LedgerException.class,
        () -> Database.open(dir, newer).close());
    assertTrue(e.getMessage().contains("Validate failed"), e.getMessage());
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

  @Test
  void workThatRunsOutOfMemoryLeavesNothingForTheNextCommitToKeep() throws Exception {
    try (Database db = Database.open(dir, MIGRATIONS)) {
      assertThrows(OutOfMemoryError.class, () -> db.inTransaction(sql -> {
        sql.update("INSERT INTO item (id, body) VALUES (1, 'half done')");
        throw new OutOfMemoryError("Java heap space");
      }));
      db.inTransaction(sql -> sql.update("INSERT INTO item (id, body) VALUES (2, 'next')"));

      assertEquals(1L, count(db));
    }
  }
}
