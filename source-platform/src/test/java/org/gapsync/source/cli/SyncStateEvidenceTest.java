package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
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

  @TempDir
  Path dir;

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(
        "home/ledger/ledger"), "sa", ""); Statement s = c.createStatement()) {
      assertTrue(s.executeUpdate(statement) > 0, statement);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    SourceCli.homeWithDestination(dir, "backup", "backup.xml", Fixtures.key("backup"));
    SourceCli.Run verify = SourceCli.run(dir, "ledger", "verify");
    assertEquals(0, verify.code(), verify.err());
    assertTrue(verify.out().matches("(?s).*sync states agree with their \\d+ chained events\n"),
        verify.out());
  }

  private SourceCli.Run verify() {
    return SourceCli.run(dir, "ledger", "verify");
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
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(
        "home/ledger/ledger"), "sa", ""); Statement s = c.createStatement();
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
