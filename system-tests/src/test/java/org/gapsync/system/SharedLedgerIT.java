package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.gapsync.format.files.FileTrees;
import org.gapsync.platform.ledger.LedgerLocation;
import org.gapsync.platform.ledger.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight workstations of one source platform on one PostgreSQL ledger, all at once: scanning,
 * building for four destinations, ingesting receipts, querying and exporting, with some of them
 * killed ({@code kill -9}) at random moments in every round. Afterwards the ledger verifies, the
 * sequences of each destination run 1, 2, 3... with none repeated or missing, and the packages
 * the ledger recorded apply at their targets in that order.
 */
class SharedLedgerIT {
  private static final int ROUNDS = 4;
  private static final int RECORDS = 24;
  private static final List<String> DESTINATIONS = List.of("intranet", "extranet",
      "reading-room", "backup");
  private static final String ME = System.getProperty("user.name");

  @TempDir
  Path work;

  @Test
  void eightWorkstationsKilledAtRandomLeaveOneLedgerThatVerifies() throws Exception {
    TestPostgres server = TestPostgres.server();
    LedgerLocation.Server ledger = (LedgerLocation.Server) server.newLedger();
    // The workstations take the password from PGPASSWORD, as PostgreSQL's own clients do.
    Launchers sh = new Launchers(work).with(Map.of("PGPASSWORD", server.password()));
    holdings();
    sh.source("source", "init", "--id", "archive-lan", "--ledger", ledger.url()).expect(0)
        .says("(shared)");
    sh.source("source", "user", "add", ME, "--role", "archivist").expect(0);
    sh.source("source", "cert", "export", "--out", "archive-lan.pem").expect(0);
    for (String d : DESTINATIONS) {
      sh.target(d, "init", "--id", d).expect(0);
      sh.target(d, "user", "add", ME, "--role", "operator").expect(0);
      sh.target(d, "cert", "export", "--out", d + ".pem").expect(0);
      sh.target(d, "trust", "add", "--id", "archive-lan", "--cert", "archive-lan.pem")
          .expect(0);
      sh.source("source", "destination", "add", "--id", d, "--template", Launchers.ROOT
          .resolve("docs/examples/backup.xml").toString(), "--cert", d + ".pem").expect(0);
    }
    for (int w = 1; w <= 8; w++) {
      FileTrees.copy(work.resolve("source"), work.resolve("ws" + w));
    }
    Files.createDirectories(work.resolve("returns"));

    Random random = new Random(20261203L);
    Map<String, Integer> ended = new TreeMap<>();
    int killed = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      for (int i = 0; i < 4; i++) {
        Path f = work.resolve("holdings").resolve(id(1 + random.nextInt(RECORDS)))
            .resolve("scan.txt");
        Files.writeString(f, "round " + round + " edit " + i);
      }
      List<String[]> commands = new ArrayList<>();
      commands.add(new String[] {"holdings", "scan", "holdings"});
      for (String d : DESTINATIONS) {
        Path out = Files.createDirectories(work.resolve("out-" + d + "-" + round));
        commands.add(new String[] {"package", "build", "--destination", d, "--to",
            out.getFileName().toString()});
      }
      // Before the first receipts come back, the sixth workstation looks at the queue.
      commands.add(sh.list("returns").isEmpty() ? new String[] {"queue", "--format", "csv"}
          : new String[] {"receipt", "ingest", "returns"});
      commands.add(new String[] {"ledger", "query", "--format", "csv"});
      commands.add(new String[] {"ledger", "export-premis", "--out", "premis-" + round
          + ".xml"});
      List<Launchers.Running> running = new ArrayList<>();
      for (int w = 0; w < commands.size(); w++) {
        running.add(sh.startSource("ws" + (w + 1), commands.get(w)));
      }
      // Two of the eight die, each at a moment of its own within its first two seconds.
      List<Integer> victims = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
      Collections.shuffle(victims, random);
      long start = System.nanoTime();
      for (int v : victims.subList(0, 2)) {
        long at = start + 1_000_000L * (200 + random.nextInt(1_800));
        Thread.sleep(Math.max(0, (at - System.nanoTime()) / 1_000_000L));
        running.get(v).process().destroyForcibly();
      }
      for (int w = 0; w < running.size(); w++) {
        Launchers.Run r = running.get(w).await();
        String what = commands.get(w)[0] + " " + commands.get(w)[1];
        // A build that reads a file edited after the scan it follows refuses, as it must.
        boolean isStale = what.equals("package build") && r.code() == 4
            && r.err().contains("changed since the last scan");
        assertTrue(r.code() == 0 || r.code() == 137 || isStale, what + " in round " + round
            + ": " + r.all());
        ended.merge(what + (r.code() == 137 ? " killed" : isStale ? " refused (stale)"
            : " done"), 1, Integer::sum);
        killed += r.code() == 137 ? 1 : 0;
      }
      carryRecordedPackages(sh, server, ledger, round);
    }
    assertTrue(killed >= ROUNDS, "killed " + killed + ": " + ended);

    // The ledger holds up: its audit trail and every state against its events.
    sh.source("ws1", "ledger", "verify").expect(0).says("audit trail intact");
    try (Connection c = DriverManager.getConnection(ledger.url(), server.user(),
        server.password()); Statement s = c.createStatement()) {
      for (String d : DESTINATIONS) {
        List<Long> sequences = new ArrayList<>();
        long next;
        try (ResultSet rs = s.executeQuery("SELECT sequence FROM sync_package WHERE "
            + "destination = '" + d + "' ORDER BY sequence")) {
          while (rs.next()) {
            sequences.add(rs.getLong(1));
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT next_sequence FROM destination WHERE id = '"
            + d + "'")) {
          assertTrue(rs.next());
          next = rs.getLong(1);
        }
        for (int i = 0; i < sequences.size(); i++) {
          assertEquals(i + 1L, sequences.get(i), d + ": " + sequences);
        }
        assertEquals(sequences.size() + 1L, next, d + ": the next sequence follows the last");
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit_event")) {
        assertTrue(rs.next());
        assertTrue(rs.getLong(1) > 8L * ROUNDS / 2, "events of the commands that finished");
      }
    }
    // What the ledger recorded is what the targets applied, in order, and confirmed.
    sh.source("ws2", "receipt", "ingest", "returns").expect(0);
    for (String d : DESTINATIONS) {
      sh.target(d, "replica", "verify").expect(0);
      List<String> rows = sh.ledger("ws3", d);
      assertTrue(rows.stream().anyMatch(r -> r.contains(" confirmed ")), d + ": " + rows);
    }
    System.out.println("shared ledger: " + ended);
  }

  /**
   * Takes each package the ledger recorded in this round to its target, which imports it and
   * writes its receipt into the returns folder: a package a killed build left behind unrecorded
   * stays where it is, as an operator who checks 'destination list' would leave it.
   */
  private void carryRecordedPackages(Launchers sh, TestPostgres server,
      LedgerLocation.Server ledger, int round) throws Exception {
    List<String> recorded = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(ledger.url(), server.user(),
        server.password()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT id FROM sync_package")) {
      while (rs.next()) {
        recorded.add(rs.getString(1));
      }
    }
    for (String d : DESTINATIONS) {
      Path inbox = Files.createDirectories(work.resolve("inbox-" + d + "-" + round));
      for (String name : sh.list("out-" + d + "-" + round)) {
        if (recorded.stream().anyMatch(id -> name.equals(id) || name.startsWith(id + "."))) {
          FileTrees.copy(work.resolve("out-" + d + "-" + round).resolve(name),
              inbox.resolve(name));
        }
      }
      if (!sh.list(inbox.getFileName().toString()).isEmpty()) {
        sh.target(d, "package", "import", inbox.getFileName().toString(), "--receipt-to",
            "returns").expect(0);
      }
    }
  }

  private void holdings() throws Exception {
    String metadata = Files.readString(Launchers.ROOT.resolve(
        "docs/examples/holdings/F001/2005/F001-2005-0001/metadata.xml"));
    for (int i = 1; i <= RECORDS; i++) {
      Path record = Files.createDirectories(work.resolve("holdings").resolve(id(i)));
      Files.writeString(record.resolve("metadata.xml"), metadata.replace("F001-2005-0001",
          id(i)));
      Files.writeString(record.resolve("scan.txt"), "page " + i);
    }
  }

  private static String id(int i) {
    return String.format(Locale.ROOT, "F010-2021-%04d", i);
  }
}
