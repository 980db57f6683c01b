package org.gapsync.target.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gapsync.platform.ledger.NewestMigration;
import org.junit.jupiter.api.Test;

class TargetLedgerTest {
  @Test
  void namesItsNewestMigration() {
    // Named any older, a ledger at that version would be taken for current and not migrated.
    assertEquals(NewestMigration.at(TargetLedger.MIGRATIONS.location()),
        TargetLedger.MIGRATIONS.latest());
  }
}
