package org.gapsync.platform.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.gapsync.platform.ledger.Database;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.ledger.NewestMigration;
import org.gapsync.platform.ledger.Sql;
import org.gapsync.platform.ledger.TestLedgers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Console passwords: kept as bcrypt hashes, matched only by themselves, refused when weak. */
class ConsolePasswordsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  @TempDir
  Path dir;

  private static final class TestLedger extends Ledger<Sql> {
    TestLedger(Database db) {
      super(db, sql -> sql);
    }
  }

  private TestLedger open() throws Exception {
    return new TestLedger(Database.open(TestLedgers.location(dir),
        NewestMigration.TEST_LEDGER));
  }

  @Test
  void aPasswordMatchesItselfAloneAndIsKeptOnlyAsItsHash() throws Exception {
    try (TestLedger ledger = open()) {
      ConsolePasswords passwords = ConsolePasswords.of(ledger);
      assertFalse(passwords.set("li.na", "correct horse battery".toCharArray(), T0, "admin"));
      assertTrue(passwords.matches("li.na", "correct horse battery".toCharArray()));
      assertFalse(passwords.matches("li.na", "correct horse battery!".toCharArray()));
      assertFalse(passwords.matches("wang.wei", "correct horse battery".toCharArray()));
      assertEquals(Optional.of(T0), passwords.setAt("li.na"));
      String hash = ledger.inTransaction(sql -> sql.queryOne("SELECT hash FROM "
          + "console_password WHERE name = 'li.na'", rs -> rs.getString(1))).orElseThrow();
      assertTrue(hash.startsWith("$2b$12$"), hash);
      assertFalse(hash.contains("horse"));

      assertTrue(passwords.set("li.na", "another long password".toCharArray(), T0, "admin"));
      assertFalse(passwords.matches("li.na", "correct horse battery".toCharArray()));
      assertTrue(passwords.matches("li.na", "another long password".toCharArray()));
    }
  }

  @Test
  void shortLongAndControlCharactersAreRefused() throws Exception {
    assertEquals(Optional.of("it has 5 characters; give at least 12"),
        ConsolePasswords.problem("short".toCharArray()));
    assertTrue(ConsolePasswords.problem("密".repeat(25).toCharArray()).orElseThrow()
        .contains("longer than 72 bytes"));
    assertTrue(ConsolePasswords.problem("tab\tinside password".toCharArray()).isPresent());
    assertEquals(Optional.empty(), ConsolePasswords.problem("密码是十二个字符以上的句子".toCharArray()));
    try (TestLedger ledger = open()) {
      assertThrows(IllegalArgumentException.class, () -> ConsolePasswords.of(ledger).set(
          "li.na", "short".toCharArray(), T0, "admin"));
      assertFalse(ConsolePasswords.of(ledger).matches("li.na", "short".toCharArray()));
    }
  }
}
