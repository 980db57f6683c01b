package org.gapsync.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.gapsync.platform.ledger.Database;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.ledger.NewestMigration;
import org.gapsync.platform.ledger.Sql;
import org.gapsync.platform.ledger.TestLedgers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456789Z");

  @TempDir
  Path dir;

  /** A ledger of the test schema, as an application's would be. */
  private static final class TestLedger extends Ledger<Sql> {
    TestLedger(Database db) {
      super(db, sql -> sql);
    }
  }

  private TestLedger open() throws Exception {
    return new TestLedger(Database.open(TestLedgers.location(dir),
        NewestMigration.TEST_LEDGER));
  }

  private void tamper(String statement) throws Exception {
    try (TestLedger ledger = open()) {
      ledger.inTransaction(sql -> sql.update(statement));
    }
  }

  private AuditTrail.Check verify() throws Exception {
    try (TestLedger ledger = open()) {
      return AuditTrail.of(ledger).verify();
    }
  }

  @BeforeEach
  void fiveEvents() throws Exception {
    try (TestLedger ledger = open()) {
      String[] actions = {"init", "trust add", "holdings scan", "package build", "receipt ingest"};
      for (int i = 0; i < actions.length; i++) {
        AuditTrail.of(ledger).append("SHA-256", T0.plusSeconds(i), "wang.li", actions[i],
            "--id x", "success", "");
      }
    }
  }

  @Test
  void intactChainVerifies() throws Exception {
    AuditTrail.Check check = verify();

    assertTrue(check.isIntact(), check::toString);
    assertEquals(5, check.events());
  }

  @Test
  void appendedEventFollowsTheLastOne() throws Exception {
    String head = verify().head();
    try (TestLedger ledger = open()) {
      AuditEvent e = AuditTrail.of(ledger).append("SHA-256", T0.plusSeconds(9), "zhao.min",
          "ledger verify", "", "success", "");
      assertEquals(6, e.sequence());
      assertEquals(head, e.previousHash());
    }
  }

  @Test
  void editedEventIsCaught() throws Exception {
    tamper("UPDATE audit_event SET actor = 'someone.else' WHERE seq = 3");

    AuditTrail.Check check = verify();

    assertFalse(check.isIntact());
    assertTrue(check.firstBreak().orElseThrow().startsWith("event 3 "), check::toString);
    assertTrue(check.firstBreak().orElseThrow().contains("edited"), check::toString);
  }

  @Test
  void editedTimeIsCaught() throws Exception {
    tamper("UPDATE audit_event SET at = at + INTERVAL '1' HOUR WHERE seq = 2");

    assertTrue(verify().firstBreak().orElseThrow().startsWith("event 2 "));
  }

  @Test
  void deletedEventIsCaught() throws Exception {
    tamper("DELETE FROM audit_event WHERE seq = 2");

    AuditTrail.Check check = verify();

    assertTrue(check.firstBreak().orElseThrow().contains("event 2 is missing"),
        check::toString);
  }

  @Test
  void deletedAndRenumberedEventsAreCaught() throws Exception {
    tamper("DELETE FROM audit_event WHERE seq = 2");
    tamper("UPDATE audit_event SET seq = seq - 1 WHERE seq > 2");

    AuditTrail.Check check = verify();

    assertTrue(check.firstBreak().orElseThrow().startsWith("event 2 does not follow"),
        check::toString);
  }

  @Test
  void reorderedEventsAreCaught() throws Exception {
    tamper("UPDATE audit_event SET seq = -4 WHERE seq = 4");
    tamper("UPDATE audit_event SET seq = 4 WHERE seq = 3");
    tamper("UPDATE audit_event SET seq = 3 WHERE seq = -4");

    AuditTrail.Check check = verify();

    assertTrue(check.firstBreak().orElseThrow().startsWith("event 3 "), check::toString);
  }

  @Test
  void nationalEventsAreHashedWithSm3AndFollowEarlierOnes() throws Exception {
    AuditEvent sm3;
    try (TestLedger ledger = open()) {
      sm3 = AuditTrail.of(ledger).append("SM3", T0.plusSeconds(9), "zhao.min", "cert rotate",
          "", "success", "");
    }
    AuditEvent sha256 = AuditEvent.of(6, T0.plusSeconds(9), "zhao.min", "cert rotate", "",
        "success", "", sm3.previousHash(), "SHA-256");

    AuditTrail.Check check = verify();

    assertTrue(check.isIntact(), check::toString);
    assertEquals(6, check.events());
    assertEquals("SM3", check.headDigest());
    assertEquals(64, sm3.hash().length());
    assertNotEquals(sha256.hash(), sm3.hash());
  }

  @Test
  void eventClaimingAnotherHashFunctionIsCaught() throws Exception {
    tamper("UPDATE audit_event SET digest = 'SM3' WHERE seq = 4");

    AuditTrail.Check check = verify();

    assertTrue(check.firstBreak().orElseThrow().startsWith("event 4 "), check::toString);
  }

  @Test
  void eventNamingNoProfilesHashFunctionIsCaught() throws Exception {
    tamper("UPDATE audit_event SET digest = 'MD5' WHERE seq = 5");

    assertTrue(verify().firstBreak().orElseThrow().startsWith("event 5 "));
  }
}
