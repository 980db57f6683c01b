package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.ledger.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail as an auditor meets it: every command leaves an event; edits are caught. */
class AuditTrailCliTest {
  @TempDir
  Path dir;
  private String out;
  private String err;

  private int run(String... args) {
    SourceCli.Run r = SourceCli.run(dir, args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  private List<String> events() throws Exception {
    List<String> events = new ArrayList<>();
    try (Connection c = jdbc(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT seq, action, outcome, details FROM audit_event "
            + "ORDER BY seq")) {
      while (rs.next()) {
        events.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3)
            + (rs.getString(4).isEmpty() ? "" : ": " + rs.getString(4)));
      }
    }
    return events;
  }

  private Connection jdbc() throws Exception {
    return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("home/ledger/ledger"),
        "sa", "");
  }

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
    assertEquals(0, run("init", "--id", "archive-lan"), err);
  }

  @Test
  void everyCommandLeavesAnEventWithItsOutcome() throws Exception {
    assertEquals(ExitCodes.USAGE, run("package", "build", "--destination", "nowhere", "--to",
        dir.toString()));
    assertEquals(0, run("queue"), err);

    assertEquals(List.of("1 init success", "2 package build refused: unknown destination "
        + "nowhere; 'destination list' shows the known ones", "3 queue success"), events());
  }

  @Test
  void refusalRaisedInsideACommandIsAnEventToo() throws Exception {
    assertEquals(ExitCodes.USAGE, run("init", "--id", "no spaces"));

    assertTrue(events().get(1).startsWith("2 init refused: --id no spaces: use letters"),
        events()::toString);
  }

  @Test
  void verifyReportsAnIntactChain() {
    run("queue");

    assertEquals(0, run("ledger", "verify"), err);

    assertTrue(out.startsWith("audit trail intact: 2 events, head "), out);
  }

  @Test
  void verifyCatchesAnEventEditedInTheDatabase() throws Exception {
    run("queue");
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE audit_event SET outcome = 'success', details = '' WHERE seq = 1");
      s.executeUpdate("UPDATE audit_event SET actor = 'nobody' WHERE seq = 2");
    }

    assertEquals(ExitCodes.INVALID, run("ledger", "verify"));

    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("error: audit trail broken: event 2 (queue by nobody"), err);
  }

  @Test
  void sealCatchesATrailCutShort() throws Exception {
    run("queue");
    Path seal = dir.resolve("seal.txt");
    assertEquals(0, run("ledger", "seal", "--out", seal.toString()), err);
    assertTrue(out.startsWith("sealed 2 events"), out);
    assertEquals(0, run("ledger", "verify", "--seal", seal.toString()), err);
    assertTrue(out.startsWith("seal of "), out);

    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM audit_event WHERE seq >= 2");
    }

    assertEquals(ExitCodes.INVALID, run("ledger", "verify", "--seal", seal.toString()));
    assertTrue(err.contains("holds 2 events, the trail only 1: events were cut off its end"),
        err);
  }

  @Test
  void sealCatchesATrailRewrittenWithNewHashes() throws Exception {
    run("queue");
    Path seal = dir.resolve("seal.txt");
    assertEquals(0, run("ledger", "seal", "--out", seal.toString()), err);
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT hash FROM audit_event WHERE seq = 1");
      rs.next();
      AuditEvent forged = AuditEvent.of(2, Fixtures.CLOCK.instant(), "nobody", "queue", "",
          "success", "", rs.getString(1));
      s.executeUpdate("DELETE FROM audit_event WHERE seq >= 2");
      s.executeUpdate("INSERT INTO audit_event VALUES (2, TIMESTAMP WITH TIME ZONE '"
          + forged.at() + "', 'nobody', 'queue', '', 'success', '', '" + forged.previousHash()
          + "', '" + forged.hash() + "')");
    }

    assertEquals(0, run("ledger", "verify"), "the forged chain holds together: " + err);
    assertEquals(ExitCodes.INVALID, run("ledger", "verify", "--seal", seal.toString()));
    assertTrue(err.contains("event 2 is not the one sealed"), err);
  }
}
