package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.ledger.LedgerLocation;
import org.gapsync.platform.ledger.TestPostgres;
import org.gapsync.source.ledger.SourceLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source platform whose ledger is on a PostgreSQL server, shared by its workstations. */
class SharedLedgerCliTest {
  @TempDir
  Path dir;
  private LedgerLocation.Server ledger;

  @BeforeEach
  void server() throws Exception {
    ledger = (LedgerLocation.Server) TestPostgres.server().newLedger();
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
  }

  private SourceCli.Run init(Path workstation, String url) {
    return SourceCli.run(workstation, "init", "--id", "archive-lan", "--ledger", url,
        "--ledger-password-file", ledger.passwordFile().orElseThrow().toString());
  }

  @Test
  void initKeepsTheLedgerOnTheServerAndNoPasswordInTheHome() throws Exception {
    SourceCli.Run r = init(dir, ledger.url());

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ledger: " + ledger.url() + " (shared)"), r.out());
    assertFalse(Files.exists(dir.resolve("home/ledger")), "no embedded ledger beside it");
    String config = Files.readString(dir.resolve("home/platform.properties"));
    assertTrue(config.contains("ledger.url=jdbc\\:postgresql"), config);
    assertFalse(config.contains(TestPostgres.server().password()), config);
    SourceCli.Run verify = SourceCli.run(dir, "ledger", "verify");
    assertEquals(0, verify.code(), verify.err());
    assertTrue(verify.out().contains("audit trail intact"), verify.out());
  }

  @Test
  void aSecondInitOnALedgerInUseIsRefusedAndWritesNoHome() throws Exception {
    assertEquals(0, init(dir, ledger.url()).code());
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.copy(dir.resolve("passphrase"), other.resolve("passphrase"));

    SourceCli.Run r = init(other, ledger.url());

    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("already holds a platform's audit trail")
        && r.err().contains("copies its home"), r.err());
    assertFalse(Files.exists(other.resolve("home/platform.properties")));
  }

  @Test
  void aPasswordInTheUrlOrAServerThatCannotBeReachedLeavesNoHome() throws Exception {
    SourceCli.Run r = SourceCli.run(dir, "init", "--id", "archive-lan", "--ledger",
        ledger.url() + "&password=secret");
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("--ledger-password-file"), r.err());

    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    r = init(dir, "jdbc:postgresql://127.0.0.1:" + closed + "/gapsync");
    assertEquals(ExitCodes.IO, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("cannot connect to the ledger at jdbc:postgresql://127.0.0.1:"
        + closed), r.err());
    assertFalse(Files.exists(dir.resolve("home/platform.properties")), "nothing written");
  }

  @Test
  void workstationsShareOneLedgerAndOneBuildPerDestinationRunsAtATime() throws Exception {
    assertEquals(0, init(dir, ledger.url()).code());
    Path cert = dir.resolve("backup.pem");
    Certificates.writePem(Fixtures.key("backup").certificate(), cert);
    FileTrees.copy(SourceCli.EXAMPLES.resolve("holdings"), dir.resolve("holdings"));
    for (String[] args : List.of(new String[] {"user", "add", SourceCli.ME, "--role",
        "archivist"}, new String[] {"destination", "add", "--id", "backup", "--template",
        SourceCli.EXAMPLES.resolve("backup.xml").toString(), "--cert", cert.toString()})) {
      assertEquals(0, SourceCli.run(dir, args).code());
    }
    // A second workstation: a copy of the home, as the administrator's runbook says.
    Path second = Files.createDirectories(dir.resolve("second"));
    FileTrees.copy(dir.resolve("home"), second.resolve("home"));
    Files.copy(dir.resolve("passphrase"), second.resolve("passphrase"));
    SourceCli.Run scan = SourceCli.run(dir, "holdings", "scan", dir.resolve("holdings")
        .toString());
    assertEquals(0, scan.code(), scan.err());

    SourceCli.Run queue = SourceCli.run(second, "queue");
    assertTrue(queue.out().contains("backup"), "the other workstation sees the scan: "
        + queue.out());

    Path medium = Files.createDirectories(dir.resolve("medium"));
    try (SourceLedger building = SourceLedger.open(ledger, Clock.systemUTC(), "li.na")) {
      assertTrue(building.tryHold("build:backup"), "a build on a third workstation");
      SourceCli.Run refused = SourceCli.run(second, "package", "build", "--destination",
          "backup", "--to", medium.toString());
      assertEquals(ExitCodes.IO, refused.code(), refused.err());
      assertTrue(refused.err().contains("another build for backup is in progress"),
          refused.err());
      try (var left = Files.list(medium)) {
        assertEquals(List.of(), left.toList(), "nothing written");
      }
    }
    SourceCli.Run built = SourceCli.run(second, "package", "build", "--destination",
        "backup", "--to", medium.toString());
    assertEquals(0, built.code(), built.err());
    assertTrue(built.out().contains("(sequence 1)"), built.out());
    SourceCli.Run next = SourceCli.run(dir, "destination", "list");
    assertTrue(next.out().contains("archive-lan-backup-000001"), "the first workstation "
        + "sees the package: " + next.out());
    SourceCli.Run verify = SourceCli.run(dir, "ledger", "verify");
    assertEquals(0, verify.code(), verify.err());
  }

  @Test
  // It moves an embedded ledger: the home starts with one whatever ledger the run tests.
  @Tag("embedded-ledger")
  void migrateMovesAnEmbeddedLedgerRowForRowAndTheHomeGoesOnThere() throws Exception {
    var backup = Fixtures.key("backup");
    SourceCli.homeWithDestination(dir, "backup", "backup.xml", backup);
    var header = SourceCli.build(dir, "backup");
    Path receipt = SourceCli.receipt(dir, header, backup);
    SourceCli.Run ingest = SourceCli.run(dir, "receipt", "ingest", receipt.toString());
    assertEquals(0, ingest.code(), ingest.err());
    String states = SourceCli.run(dir, "ledger", "query").out();
    String history = SourceCli.run(dir, "ledger", "history", "F001-2005-0001").out();

    SourceCli.Run r = SourceCli.run(dir, "ledger", "migrate", "--to", ledger.url(),
        "--ledger-password-file", ledger.passwordFile().orElseThrow().toString());

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("migrated the ledger to " + ledger.url() + ": ")
        && r.out().contains("copied and read back; audit trail intact there")
        && r.out().contains("sync states match their events"), r.out());
    assertFalse(Files.exists(dir.resolve("home/ledger")), "set aside");
    try (var aside = Files.list(dir.resolve("home"))) {
      assertTrue(aside.anyMatch(p -> p.getFileName().toString().startsWith(
          "ledger.migrated-")), "kept");
    }
    assertEquals(states, SourceCli.run(dir, "ledger", "query").out());
    assertEquals(history, SourceCli.run(dir, "ledger", "history", "F001-2005-0001").out());
    SourceCli.Run verify = SourceCli.run(dir, "ledger", "verify");
    assertEquals(0, verify.code(), verify.err());
    assertTrue(verify.out().contains("audit trail intact"), verify.out());
    try (var c = org.gapsync.platform.ledger.TestLedgers.connectToHome(dir.resolve("home"));
        var s = c.createStatement(); var rs = s.executeQuery("SELECT outcome FROM audit_event "
            + "WHERE action = 'ledger migrate'")) {
      assertTrue(rs.next(), "its own event, on the server");
      assertEquals("success", rs.getString(1));
    }

    Files.writeString(dir.resolve("holdings/F001/2005/F001-2005-0001/later.txt"), "later");
    assertEquals(0, SourceCli.run(dir, "holdings", "scan", dir.resolve("holdings").toString())
        .code());
    Path medium = Files.createDirectories(dir.resolve("medium-2"));
    SourceCli.Run next = SourceCli.run(dir, "package", "build", "--destination", "backup",
        "--to", medium.toString());
    assertEquals(0, next.code(), next.err());
    assertTrue(next.out().contains("(sequence 2)"), next.out());

    SourceCli.Run again = SourceCli.run(dir, "ledger", "migrate", "--to", ledger.url());
    assertEquals(ExitCodes.USAGE, again.code(), again.err());
    assertTrue(again.err().contains("already on " + ledger.url()), again.err());
  }

  @Test
  @Tag("embedded-ledger")
  void migrateIntoALedgerInUseOrFromABrokenOneChangesNothing() throws Exception {
    assertEquals(0, init(dir, ledger.url()).code());
    Path other = Files.createDirectories(dir.resolve("other"));
    SourceCli.homeWithDestination(other, "backup", "backup.xml", Fixtures.key("backup"));

    SourceCli.Run r = SourceCli.run(other, "ledger", "migrate", "--to", ledger.url(),
        "--ledger-password-file", ledger.passwordFile().orElseThrow().toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("already holds a platform's audit trail"), r.err());
    assertTrue(Files.isDirectory(other.resolve("home/ledger")));
    assertFalse(Files.readString(other.resolve("home/platform.properties"))
        .contains("ledger.url"));

    try (var c = org.gapsync.platform.ledger.TestLedgers.connectToHome(other.resolve("home"));
        var s = c.createStatement()) {
      s.executeUpdate("UPDATE audit_event SET actor = 'someone' WHERE seq = 2");
    }
    LedgerLocation.Server empty = (LedgerLocation.Server) TestPostgres.server().newLedger();
    r = SourceCli.run(other, "ledger", "migrate", "--to", empty.url(),
        "--ledger-password-file", ledger.passwordFile().orElseThrow().toString());
    assertEquals(ExitCodes.INVALID, r.code(), r.err());
    assertTrue(r.err().contains("not migrated"), r.err());
    assertTrue(Files.isDirectory(other.resolve("home/ledger")));
  }
}
