package org.gapsync.source.holdings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.ledger.TestLedgers;
import org.gapsync.source.ledger.SourceLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first scan, into a ledger that holds no record yet, writes its records in batches; what it
 * writes is what a scan writes record by record into a ledger that knew something already:
 * the same rows, the same change events, the same queue, and a sync event chain that holds.
 */
class FirstScanTest {
  /** More than one batch, and not a multiple of it. */
  private static final int RECORDS = ChangeWriter.BATCH + 37;

  @TempDir
  Path dir;

  private static void record(Path holdings, int n) throws Exception {
    String id = String.format(Locale.ROOT, "R-%04d", n);
    Path folder = Files.createDirectories(holdings.resolve("f" + n % 7).resolve(id));
    Files.writeString(folder.resolve("metadata.xml"), """
        <record xmlns="urn:gapsync:archival-record:1" formatVersion="1.0">
          <identifier>%s</identifier><title>Record %d</title><fonds>F%d</fonds>
          <year>%d</year><retention>permanent</retention><openness>open</openness>
        </record>
        """.formatted(id, n, n % 3, 1990 + n % 30));
    Files.writeString(folder.resolve("scan.txt"), "page of " + id);
    if (n % 5 == 0) {
      Files.writeString(Files.createDirectories(folder.resolve("sub")).resolve("b.txt"), "b");
    }
  }

  /** Scans {@code holdings} into the ledger in {@code ledger}, with a backup destination. */
  private static ScanReport scan(Path ledger, Path holdings) throws Exception {
    try (SourceLedger l = SourceLedger.open(TestLedgers.location(ledger), Fixtures.CLOCK,
        "tester")) {
      l.inTransaction(tx -> {
        if (tx.sync().destination("backup").isEmpty()) {
          tx.sync().addDestination("backup", "backup", 1, Files.readString(Path.of("..",
              "docs", "examples", "backup.xml")), "not read by a scan");
        }
        return null;
      });
      return new HoldingsScanner(l, false, false, HoldingsScanner.Progress.NONE)
          .scan(holdings);
    }
  }

  @Test
  void writesWhatARecordByRecordScanWrites() throws Exception {
    Path holdings = dir.resolve("holdings");
    for (int n = 0; n < RECORDS; n++) {
      record(holdings, n);
    }
    ScanReport first = scan(dir.resolve("first"), holdings);
    // The other ledger knows one record already, so every record is written one by one.
    Path one = dir.resolve("one");
    record(one, 9999);
    scan(dir.resolve("known"), one);
    Files.move(one.resolve("f" + 9999 % 7).resolve("R-9999"), holdings.resolve("R-9999"));
    ScanReport known = scan(dir.resolve("known"), holdings);

    assertEquals(RECORDS, first.added());
    assertEquals(RECORDS, known.added());
    assertEquals(RECORDS * 2 + RECORDS / 5 + 1, first.filesHashed());
    for (String query : List.of(
        "SELECT archival_id, folder, parent, version, deleted, stat_digest FROM record",
        "SELECT archival_id, path, size, modified_ns, sha256 FROM record_file",
        "SELECT archival_id, position, name, field_value FROM record_field",
        "SELECT archival_id, version, kind, files, actor FROM change_event",
        "SELECT archival_id, destination, version, change_kind, state, attempts FROM sync_state",
        "SELECT archival_id, destination, version, state, detail FROM sync_event")) {
      List<String> written = rows(dir.resolve("first"), query, holdings);
      assertEquals(written.size() > 0, true, query);
      List<String> expected = rows(dir.resolve("known"), query, holdings);
      expected.removeIf(r -> r.startsWith("R-9999"));
      assertEquals(expected, written, query);
    }
    try (SourceLedger l = SourceLedger.open(TestLedgers.location(dir.resolve("first")),
        Fixtures.CLOCK, "tester")) {
      var check = l.verifyState().orElseThrow();
      assertTrue(check.isIntact(), check.problems().toString());
    }
  }

  /** Returns the rows of {@code query}, sorted, with the holdings' path left out. */
  private static List<String> rows(Path ledger, String query, Path holdings) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = TestLedgers.connect(TestLedgers.location(ledger));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        rows.add(row.toString().replace(holdings.toString(), "HOLDINGS"));
      }
    }
    rows.sort(null);
    return rows;
  }
}
