package org.gapsync.platform.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.audit.AuditTrail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger on a real PostgreSQL server, where several commands work at once. */
class SharedLedgerTest {
  private static final Migrations MIGRATIONS = NewestMigration.TEST_LEDGER;

  @TempDir
  Path dir;
  private TestPostgres server;
  private LedgerLocation location;

  /** A ledger of the test schema, as an application's would be. */
  private static final class TestLedger extends Ledger<Sql> {
    TestLedger(Database db) {
      super(db, sql -> sql);
    }
  }

  @BeforeEach
  void newDatabase() throws Exception {
    server = TestPostgres.server();
    location = server.newLedger();
  }

  private TestLedger open() throws Exception {
    return new TestLedger(Database.open(location, MIGRATIONS));
  }

  @Test
  void sameMigrationsMakeTheSchemaAndASecondOpeningFindsItCurrent() throws Exception {
    try (TestLedger ledger = open()) {
      assertTrue(ledger.isShared());
      ledger.inTransaction(sql -> sql.update("INSERT INTO item (id, body) VALUES (?, ?)", 1L,
          "a record's file"));
    }
    try (TestLedger ledger = open()) {
      assertEquals(List.of("a record's file"), ledger.inTransaction(sql -> sql.query(
          "SELECT body FROM item", rs -> rs.getString(1))));
      assertEquals(Migrations.SHARED.latest(), ledger.inTransaction(sql -> sql.queryOne(
          "SELECT \"version\" FROM platform_schema_history ORDER BY \"installed_rank\" DESC "
          + "LIMIT 1", rs -> rs.getString(1))).orElseThrow());
    }
  }

  @Test
  void concurrentCommandsAppendOneAuditChainThatNeverForks() throws Exception {
    int writers = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        String actor = "archivist" + w;
        done.add(pool.submit(() -> {
          start.await();
          try (TestLedger ledger = open()) {
            for (int i = 0; i < each; i++) {
              AuditTrail.of(ledger).append("SHA-256", Instant.now(), actor, "holdings scan",
                  "", "success", "");
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    try (TestLedger ledger = open()) {
      AuditTrail.Check check = AuditTrail.of(ledger).verify();
      assertTrue(check.isIntact(), check.firstBreak().orElse(""));
      assertEquals(writers * each, check.events());
    }
  }

  @Test
  void aHeldLockIsRefusedToAnotherCommandUntilItsHolderLetsGoOrDies() throws Exception {
    try (TestLedger first = open(); TestLedger second = open()) {
      assertTrue(first.tryHold("build:backup"));
      assertFalse(second.tryHold("build:backup"), "one build per destination at a time");
      assertTrue(second.tryHold("build:reading-room"), "other destinations go on");
      first.release("build:backup");
      assertTrue(second.tryHold("build:backup"));
    }
    try (TestLedger third = open()) {
      assertTrue(third.tryHold("build:backup"), "a closed connection holds nothing");
    }
  }

  @Test
  void aLongExportReadsOneSnapshotWithoutHoldingWritersUp() throws Exception {
    try (TestLedger reader = open(); TestLedger writer = open()) {
      writer.inTransaction(sql -> sql.update("INSERT INTO item (id, body) VALUES (1, 'a')"));
      List<Long> seen = reader.inSnapshot(sql -> {
        long before = count(sql);
        // Another command writes and commits while the export runs.
        writer.inTransaction(w -> w.update("INSERT INTO item (id, body) VALUES (2, 'b')"));
        return List.of(before, count(sql));
      });
      assertEquals(List.of(1L, 1L), seen, "the export sees the ledger as it began");
      assertEquals(2L, reader.inTransaction(SharedLedgerTest::count), "then the new row");
      assertEquals(0, reader.inTransaction(sql -> sql.update("UPDATE item SET body = 'c' "
          + "WHERE id = 2")) - 1, "writable again after the snapshot");
    }
  }

  private static long count(Sql sql) throws java.io.IOException {
    return sql.queryOne("SELECT COUNT(*) FROM item", rs -> rs.getLong(1)).orElseThrow();
  }

  @Test
  void aDatabaseThatSortsTextByLanguageIsRefusedWithWhatToDo() throws Exception {
    try (Connection c = DriverManager.getConnection(server.url("postgres"), server.user(),
        server.password()); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE by_code_point TEMPLATE template0 ENCODING 'UTF8' "
          + "LOCALE 'C.UTF-8'");
      s.execute("CREATE DATABASE by_words TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' "
          + "LOCALE_PROVIDER icu ICU_LOCALE 'en'");
    }
    new TestLedger(Database.open(LedgerLocation.server(server.url("by_code_point") + "?user="
        + server.user(),
        Optional.of(server.passwordFile())), MIGRATIONS)).close();

    LedgerException e = assertThrows(LedgerException.class, () -> Database.open(
        LedgerLocation.server(server.url("by_words") + "?user=" + server.user(),
            Optional.of(server.passwordFile())), MIGRATIONS));
    assertTrue(e.getMessage().contains("LOCALE 'C'"), e.getMessage());
  }

  @Test
  void aPasswordIsNeverTakenFromTheCommandLine() {
    UsageException e = assertThrows(UsageException.class, () -> LedgerLocation.server(
        server.url("gapsync") + "?user=li.na&password=secret", Optional.empty()));
    assertTrue(e.getMessage().contains("~/.pgpass"), e.getMessage());
    assertThrows(UsageException.class, () -> LedgerLocation.server(
        "jdbc:h2:file:/srv/ledger", Optional.empty()));
  }

  @Test
  void aPasswordFileOthersMayReadIsRefusedAndAMissingPasswordSaysWhereToPutIt()
      throws Exception {
    Path exposed = Files.writeString(dir.resolve("password"), server.password());
    Files.setPosixFilePermissions(exposed, PosixFilePermissions.fromString("rw-r--r--"));
    String url = ((LedgerLocation.Server) location).url();
    LedgerException e = assertThrows(LedgerException.class, () -> Database.open(
        LedgerLocation.server(url, Optional.of(exposed)), MIGRATIONS));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());

    Optional<String> fromEnvironment = Optional.ofNullable(System.getenv("PGPASSWORD"));
    if (fromEnvironment.isEmpty() && !Files.exists(Path.of(System.getProperty("user.home"),
        ".pgpass"))) {
      e = assertThrows(LedgerException.class, () -> Database.open(
          LedgerLocation.server(url + "?user=" + server.user(), Optional.empty()), MIGRATIONS));
      assertTrue(e.getMessage().contains("~/.pgpass"), e.getMessage());
    }
  }

  @Test
  void anUnreachableServerIsSaidInOneLine() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    LedgerException e = assertThrows(LedgerException.class, () -> Database.open(
        LedgerLocation.server("jdbc:postgresql://127.0.0.1:" + closed + "/gapsync?user=x",
            Optional.of(server.passwordFile())), MIGRATIONS));
    assertTrue(e.getMessage().startsWith("cannot connect to the ledger at jdbc:postgresql://"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void aServerReachedOverTlsIsVerifiedAgainstItsCertificate() throws Exception {
    String url = ((LedgerLocation.Server) location).url() + "&sslmode=verify-full&sslrootcert="
        + server.certificate();
    try (TestLedger ledger = new TestLedger(Database.open(LedgerLocation.server(url,
        Optional.of(server.passwordFile())), MIGRATIONS))) {
      assertEquals(Boolean.TRUE, ledger.inTransaction(sql -> sql.queryOne("SELECT ssl FROM "
          + "pg_stat_ssl WHERE pid = pg_backend_pid()", rs -> rs.getBoolean(1))).orElseThrow(),
          "the connection is encrypted");
    }

    Path stranger = dir.resolve("other-ca.pem");
    new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=127.0.0.1", "-keyout", dir.resolve("other.key").toString(), "-out",
        stranger.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log")
        .toFile()).start().waitFor();
    String untrusted = ((LedgerLocation.Server) location).url()
        + "&sslmode=verify-full&sslrootcert=" + stranger;
    LedgerException e = assertThrows(LedgerException.class, () -> Database.open(
        LedgerLocation.server(untrusted, Optional.of(server.passwordFile())), MIGRATIONS));
    assertTrue(e.getMessage().startsWith("cannot connect to the ledger at"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
