package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.ledger.TestLedgers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync states are evidence: {@code ledger verify} recomputes the chain of sync events and
 * reports every state row that disagrees with its last event, so a state set by SQL, or an
 * event edited, deleted or inserted, is found.
 */
class SyncStateEvidenceTest {
  private static final String RECORD = "F001-1998-0001";
  private static final SigningKey BACKUP = Fixtures.key("backup");

  @TempDir
  Path dir;

  private void sql(String statement) throws Exception {
    try (Connection c = TestLedgers.connectToHome(dir.resolve("home")); Statement s = c.createStatement()) {
      assertTrue(s.executeUpdate(statement) > 0, statement);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    SourceCli.homeWithDestination(dir, "backup", "backup.xml", BACKUP);
    SourceCli.Run verify = SourceCli.run(dir, "ledger", "verify");
    assertEquals(0, verify.code(), verify.err());
    assertTrue(verify.out().matches("(?s).*sync states agree with their \\d+ chained events; "
        + "held files of 0 records agree with the events that set them\n"), verify.out());
  }

  private SourceCli.Run verify() {
    return SourceCli.run(dir, "ledger", "verify");
  }

  /** Builds the package for backup and ingests a receipt in which all of it was applied. */
  private void confirmAll() throws Exception {
    SourceCli.Run ingest = SourceCli.run(dir, "receipt", "ingest", SourceCli.receipt(dir,
        SourceCli.build(dir, "backup"), BACKUP).toString());
    assertEquals(0, ingest.code(), ingest.err());
    SourceCli.Run verify = verify();
    assertEquals(0, verify.code(), verify.err());
    assertTrue(verify.out().matches("(?s).*held files of [1-9]\\d* records agree with the "
        + "events that set them\n"), verify.out());
  }

  @Test
  void aHeldDigestChangedBySqlIsReported() throws Exception {
    confirmAll();
    sql("UPDATE held_file SET sha256 = '" + "0".repeat(64) + "' WHERE archival_id = '" + RECORD
        + "' AND path = 'metadata.xml'");

    SourceCli.Run r = verify();

    assertEquals(ExitCodes.INVALID, r.code(), r.out());
    assertTrue(r.err().contains("error: " + RECORD + " at backup: the held files the ledger "
        + "keeps differ from those its event "), r.err());
  }

  @Test
  void heldFilesInsertedOrDeletedBySqlAreReported() throws Exception {
    confirmAll();
    sql("DELETE FROM held_file WHERE archival_id = '" + RECORD + "'");
    sql("INSERT INTO held_file VALUES ('backup', 'F999-2000-0001', 'metadata.xml', 1, '"
        + "0".repeat(64) + "')");

    SourceCli.Run r = verify();

    assertEquals(ExitCodes.INVALID, r.code(), r.out());
    assertTrue(r.err().contains("error: " + RECORD + " at backup: its event "), r.err());
    assertTrue(r.err().contains("recorded held files the ledger no longer keeps"), r.err());
    assertTrue(r.err().contains("error: F999-2000-0001 at backup: the ledger keeps held files "
        + "that no event records"), r.err());
  }

  @Test
  void theEventThatSetHeldFilesCannotBeEditedToMatchThem() throws Exception {
    confirmAll();
    sql("UPDATE sync_event SET held = '" + "0".repeat(64) + "' WHERE archival_id = '" + RECORD
        + "' AND held IS NOT NULL");

    SourceCli.Run r = verify();

    assertEquals(ExitCodes.INVALID, r.code(), r.out());
    assertTrue(r.err().contains("(" + RECORD + " at backup, confirmed) does not follow from the "
        + "one before"), r.err());
  }

  @Test
  void aDestinationRemovedForgetsWhatItHeldInItsEvents() throws Exception {
    confirmAll();

    SourceCli.Run removed = SourceCli.run(dir, "destination", "remove", "--id", "backup");

    assertEquals(0, removed.code(), removed.err());
    SourceCli.Run r = verify();
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("held files of 0 records agree"), r.out());
  }

  @Test
  void aStateSetBySqlIsReportedWithWhatItsEventsSay() throws Exception {
    sql("UPDATE sync_state SET state = 'confirmed' WHERE archival_id = '" + RECORD + "'");

    SourceCli.Run r = verify();

    assertEquals(ExitCodes.INVALID, r.code(), r.out());
    assertTrue(r.err().contains("error: " + RECORD + " version 1 at backup: the ledger says "
        + "confirmed, but its last event ("), r.err());
    assertTrue(r.err().contains(") says pending"), r.err());
  }

  @Test
  void anEditedEventBreaksTheChain() throws Exception {
    sql("UPDATE sync_event SET actor = 'mallory' WHERE archival_id = '" + RECORD + "'");

    SourceCli.Run r = verify();

    assertEquals(ExitCodes.INVALID, r.code(), r.out());
    assertTrue(r.err().contains("(" + RECORD + " at backup, pending) does not follow from the "
        + "one before"), r.err());
  }

  @Test
  void aDeletedEventBreaksTheChainAndLeavesAStateNoEventRecords() throws Exception {
    sql("DELETE FROM sync_event WHERE archival_id = '" + RECORD + "'");

    SourceCli.Run r = verify();

    assertEquals(ExitCodes.INVALID, r.code(), r.out());
    assertTrue(r.err().contains("does not follow from the one before"), r.err());
    assertTrue(r.err().contains(RECORD + " version 1 at backup: the ledger says pending, but "
        + "no event records it"), r.err());
  }

  @Test
  void aSealKeepsTheNewestStateEventsFromBeingCutOffUnseen() throws Exception {
    Path seal = dir.resolve("seal.txt");
    SourceCli.Run sealed = SourceCli.run(dir, "ledger", "seal", "--out", seal.toString());
    assertEquals(0, sealed.code(), sealed.err());
    assertTrue(sealed.out().contains(", and state event "), sealed.out());
    String last;
    try (Connection c = TestLedgers.connectToHome(dir.resolve("home")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT archival_id FROM sync_event ORDER BY id DESC "
            + "FETCH FIRST 1 ROWS ONLY")) {
      rs.next();
      last = rs.getString(1);
    }
    // The newest record's state and its event go together: the chain before them still holds.
    sql("DELETE FROM sync_state WHERE archival_id = '" + last + "'");
    sql("DELETE FROM sync_event WHERE archival_id = '" + last + "'");
    assertEquals(0, verify().code(), "without the seal nothing shows: " + verify().err());

    SourceCli.Run r = SourceCli.run(dir, "ledger", "verify", "--seal", seal.toString());

    assertEquals(ExitCodes.INVALID, r.code(), r.out());
    assertTrue(r.err().contains("error: the ledger no longer holds what was sealed: state event"),
        r.err());
    assertTrue(r.err().contains("is gone: state events were cut off"), r.err());
  }
}
