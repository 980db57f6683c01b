package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.audit.AuditEvent;
import org.gapsync.platform.ledger.TestLedgers;
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
    return TestLedgers.connectToHome(dir.resolve("home"));
  }

  private static final String ME = System.getProperty("user.name");

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
    assertEquals(0, run("init", "--id", "archive-lan"), err);
    assertEquals(0, run("user", "add", ME, "--role", "archivist"), err);
  }

  @Test
  void everyCommandLeavesAnEventWithItsOutcome() throws Exception {
    assertEquals(ExitCodes.USAGE, run("package", "build", "--destination", "nowhere", "--to",
        dir.toString()));
    assertEquals(0, run("queue"), err);

    assertEquals(List.of("1 init success", "2 user add success", "3 package build refused: "
        + "unknown destination nowhere; 'destination list' shows the known ones",
        "4 queue success"), events());
  }

  @Test
  void refusalRaisedInsideACommandIsAnEventToo() throws Exception {
    assertEquals(ExitCodes.USAGE, run("init", "--id", "no spaces"));

    assertTrue(events().get(2).startsWith("3 init refused: --id no spaces: use letters"),
        events()::toString);
  }

  @Test
  void verifyReportsAnIntactChain() {
    run("queue");

    assertEquals(0, run("ledger", "verify"), err);

    assertTrue(out.startsWith("audit trail intact: 3 events, head "), out);
  }

  @Test
  void aNationalPlatformChainsItsEventsWithSm3() throws Exception {
    Path national = Files.createDirectories(dir.resolve("national"));
    Files.writeString(national.resolve("passphrase"), "correct horse\n");
    SourceCli.Run init = SourceCli.run(national, "init", "--id", "provincial-archive",
        "--crypto", "national");
    assertEquals(0, init.code(), init.err());

    SourceCli.Run verify = SourceCli.run(national, "ledger", "verify");

    assertEquals(0, verify.code(), verify.err());
    assertTrue(verify.out().matches("audit trail intact: 1 event, head [0-9a-f]{64} \\(SM3\\)"
        + "\\Rsync states agree with their 0 chained events; held files of 0 records agree "
        + "with the events that set them\\R"), verify.out());
    assertTrue(run("ledger", "verify") == 0 && out.contains("(SHA-256)"), out);
  }

  @Test
  void verifyCatchesAnEventEditedInTheDatabase() throws Exception {
    run("queue");
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE audit_event SET outcome = 'success', details = '' WHERE seq = 1");
      s.executeUpdate("UPDATE audit_event SET actor = 'nobody' WHERE seq = 3");
    }

    assertEquals(ExitCodes.INVALID, run("ledger", "verify"));

    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("error: audit trail broken: event 3 (queue by nobody"), err);
  }

  @Test
  void sealCatchesATrailCutShort() throws Exception {
    run("queue");
    Path seal = dir.resolve("seal.txt");
    assertEquals(0, run("ledger", "seal", "--out", seal.toString()), err);
    assertTrue(out.startsWith("sealed 3 events"), out);
    assertEquals(0, run("ledger", "verify", "--seal", seal.toString()), err);
    assertTrue(out.startsWith("seal of "), out);

    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM audit_event WHERE seq >= 3");
    }

    assertEquals(ExitCodes.INVALID, run("ledger", "verify", "--seal", seal.toString()));
    assertTrue(err.contains("holds 3 events, the trail only 2: events were cut off its end"),
        err);
  }

  @Test
  void sealCatchesATrailRewrittenWithNewHashes() throws Exception {
    run("queue");
    Path seal = dir.resolve("seal.txt");
    assertEquals(0, run("ledger", "seal", "--out", seal.toString()), err);
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT hash FROM audit_event WHERE seq = 2");
      rs.next();
      AuditEvent forged = AuditEvent.of(3, Fixtures.CLOCK.instant(), "nobody", "queue", "",
          "success", "", rs.getString(1), "SHA-256");
      s.executeUpdate("DELETE FROM audit_event WHERE seq >= 3");
      s.executeUpdate("INSERT INTO audit_event VALUES (3, TIMESTAMP WITH TIME ZONE '"
          + forged.at() + "', 'nobody', 'queue', '', 'success', '', '" + forged.previousHash()
          + "', '" + forged.hash() + "', 'SHA-256')");
    }

    assertEquals(0, run("ledger", "verify"), "the forged chain holds together: " + err);
    assertEquals(ExitCodes.INVALID, run("ledger", "verify", "--seal", seal.toString()));
    assertTrue(err.contains("event 3 is not the one sealed"), err);
  }

  @Test
  void eventsListsTheTrailWithEachHashAndTheChain() throws Exception {
    run("queue");
    List<String> hashes = new ArrayList<>();
    try (Connection c = jdbc(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT hash FROM audit_event ORDER BY seq")) {
      while (rs.next()) {
        hashes.add(rs.getString(1));
      }
    }

    assertEquals(0, run("ledger", "events", "--format", "csv"), err);

    List<String> lines = out.lines().toList();
    assertEquals("sequence,at,user,command,object,outcome,details,digest,hash,chain",
        lines.get(0));
    assertEquals(4, lines.size(), out);
    assertTrue(lines.get(1).startsWith("1,2026-"), out);
    assertTrue(lines.get(2).matches("2,[^,]+," + ME + ",user add,.* user add " + ME
        + " --role archivist,success,,SHA-256," + hashes.get(1) + ",holds"), lines.get(2));
    assertTrue(lines.get(3).endsWith(" queue,success,,SHA-256," + hashes.get(2) + ",holds"),
        lines.get(3));
  }

  @Test
  void eventsAreSelectedByUserCommandAndPeriod() {
    run("queue");

    assertEquals(0, run("ledger", "events", "--command", "user", "--format", "csv"), err);
    assertEquals(2, out.lines().count(), out);
    assertTrue(out.contains(",user add,"), out);

    assertEquals(0, run("ledger", "events", "--user", "nobody"), err);
    assertTrue(out.endsWith("no events of the 4 in the trail match\n"), out);

    assertEquals(0, run("ledger", "events", "--until", "2000-12-31", "--format", "json"), err);
    assertEquals("[ ]\n", out);

    // The fixed clock of these tests stands in one day: the whole of that day selects all,
    // the listings above included.
    String day = Fixtures.CLOCK.instant().toString().substring(0, 10);
    assertEquals(0, run("ledger", "events", "--since", day, "--until", day, "--format",
        "csv"), err);
    assertEquals(1 + 6, out.lines().count(), out);
  }

  @Test
  void eventsMarkEverythingFromABreakOnAndExitThree() throws Exception {
    run("queue");
    try (Connection c = jdbc(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE audit_event SET object = 'edited' WHERE seq = 2");
    }

    assertEquals(ExitCodes.INVALID, run("ledger", "events", "--format", "csv"));

    List<String> chain = out.lines().skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1))
        .toList();
    assertEquals(List.of("holds", "broken", "broken"), chain);
    assertTrue(err.startsWith("error: audit trail broken: event 2 (user add by "), err);
    assertEquals(1, err.lines().count(), err);
  }

  @Test
  void eventsRefuseADateThatIsNotOne() {
    assertEquals(ExitCodes.USAGE, run("ledger", "events", "--since", "last tuesday"));

    assertTrue(err.contains("'last tuesday' is not a day or a time: give 2026-11-01"), err);
  }
}
