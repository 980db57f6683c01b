package org.gapsync.source.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gapsync.platform.ledger.NewestMigration;
import org.junit.jupiter.api.Test;

class SourceLedgerTest {
  @Test
  void namesItsNewestMigration() {
    // Named any older, a ledger at that version would be taken for current and not migrated.
    assertEquals(NewestMigration.at(SourceLedger.MIGRATIONS.location()),
        SourceLedger.MIGRATIONS.latest());
  }
}
