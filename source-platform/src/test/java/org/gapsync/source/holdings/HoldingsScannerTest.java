package org.gapsync.source.holdings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.ledger.TestLedgers;
import org.gapsync.source.ledger.SourceLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoldingsScannerTest {
  @TempDir
  Path dir;
  private Path holdings;

  private static String metadata(String id) {
    return """
        <record xmlns="urn:gapsync:archival-record:1" formatVersion="1.0">
          <identifier>%s</identifier><title>t</title><fonds>F1</fonds><year>2001</year>
          <retention>permanent</retention><openness>open</openness>
        </record>
        """.formatted(id);
  }

  private void record(String folder, String id, String content) throws Exception {
    Path f = Files.createDirectories(holdings.resolve(folder));
    Files.writeString(f.resolve("metadata.xml"), metadata(id));
    Files.writeString(f.resolve("scan.txt"), content);
  }

  private ScanReport scan(boolean rehash) throws Exception {
    try (SourceLedger ledger = SourceLedger.open(TestLedgers.location(dir.resolve("ledger")),
        Fixtures.CLOCK, "tester")) {
      return new HoldingsScanner(ledger, rehash, false, HoldingsScanner.Progress.NONE).scan(holdings);
    }
  }

  @BeforeEach
  void holdings() throws Exception {
    holdings = dir.resolve("holdings");
    record("a", "A-1", "first");
    record("b", "B-1", "second");
  }

  @Test
  void secondScanOfUnchangedHoldingsReadsNothing() throws Exception {
    assertEquals(4, scan(false).filesHashed());

    ScanReport again = scan(false);

    assertEquals(0, again.filesHashed());
    assertEquals(0, again.added() + again.modified() + again.deleted());
  }

  @Test
  void capturesAdditionModificationAndDeletion() throws Exception {
    scan(false);
    Files.writeString(holdings.resolve("a/scan.txt"), "first, revised");
    record("c", "C-1", "third");
    Files.delete(holdings.resolve("b/scan.txt"));
    Files.delete(holdings.resolve("b/metadata.xml"));

    ScanReport r = scan(false);

    assertEquals(1, r.added());
    assertEquals(1, r.modified());
    assertEquals(1, r.deleted());
  }

  @Test
  void twoFoldersClaimingOneIdAreNamedAndSkipped() throws Exception {
    record("dup", "A-1", "impostor");

    ScanReport r = scan(false);

    assertEquals(1, r.conflicts().size());
    String conflict = r.conflicts().get(0);
    assertTrue(conflict.contains(holdings.resolve("a").toString())
        && conflict.contains(holdings.resolve("dup").toString()), conflict);
    assertEquals(1, r.added(), "only B-1");
  }

  @Test
  void aClaimTwiceInAFolderOfThousandsIsFoundAcrossChunksAndNothingElseIsLost()
      throws Exception {
    // More records in one folder than a scan compares at once, the first and the last claiming
    // one id: the first is written before the last is read, and the scan runs again without it.
    for (int n = 0; n < 1200; n++) {
      record("many/r" + String.format(java.util.Locale.ROOT, "%04d", n), n == 1199 ? "M-0"
          : "M-" + n, "page " + n);
    }
    Files.writeString(holdings.resolve("many/r0600/metadata.xml"), "<record>broken");

    ScanReport r = scan(false);

    assertEquals(1, r.conflicts().size(), r::toString);
    assertTrue(r.conflicts().get(0).contains("many/r0000") && r.conflicts().get(0)
        .contains("many/r1199"), r.conflicts().get(0));
    assertEquals(1, r.invalid().size(), r::toString);
    assertEquals(2 + 1197, r.added(), "A-1, B-1 and every M- but M-0 and the broken one");
    assertEquals(0, ledgerCount("SELECT COUNT(*) FROM record WHERE archival_id = 'M-0'"));
    assertEquals(0, ledgerCount("SELECT COUNT(*) FROM scan_claim"), "no claim outlives a scan");
    ScanReport again = scan(false);
    assertEquals(1, again.conflicts().size(), again::toString);
    assertEquals(0, again.added() + again.modified() + again.deleted(), again::toString);
  }

  @Test
  void rehashReportsSilentCorruptionApartFromEdits() throws Exception {
    scan(false);
    Path file = holdings.resolve("a/scan.txt");
    FileTime time = Files.getLastModifiedTime(file);
    Files.writeString(file, "fiRst");
    Files.setLastModifiedTime(file, time);

    ScanReport quick = scan(false);
    ScanReport audit = scan(true);

    assertEquals(0, quick.modified(), "size and time unchanged: not read");
    assertEquals(1, audit.corrupted().size(), audit::toString);
    assertTrue(audit.corrupted().get(0).contains("silent corruption"));
    assertEquals(0, audit.modified(), "corruption is not an edit to send");
  }

  @Test
  void filesInPlainSubfoldersBelongToTheRecordAndNestedRecordsStandApart() throws Exception {
    Files.createDirectories(holdings.resolve("a/scans"));
    Files.writeString(holdings.resolve("a/scans/p1.txt"), "page one");
    record("a/annex", "A-1-ANNEX", "annex");
    assertEquals(7, scan(false).filesHashed(), "a: 3 files, b: 2, the annex: 2");

    Files.writeString(holdings.resolve("a/scans/p1.txt"), "page one, rescanned");
    ScanReport r = scan(false);

    assertEquals(3, r.records());
    assertEquals(1, r.modified(), "A-1 alone; its annex is a record of its own");
    assertEquals(1, r.filesHashed());
  }

  @Test
  void touchedFileIsReadOnceAndIsNoChange() throws Exception {
    scan(false);
    Path file = holdings.resolve("a/scan.txt");
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file)
        .toMillis() + 60_000));

    ScanReport touched = scan(false);
    ScanReport after = scan(false);

    assertEquals(1, touched.filesHashed());
    assertEquals(0, touched.modified(), "same bytes: nothing to send");
    assertEquals(0, after.filesHashed(), "the new time is recorded");
  }

  @Test
  void fileNameThatCannotTravelIsReportedAtEveryScan() throws Exception {
    Files.writeString(holdings.resolve("a/notes:draft.txt"), "x");

    ScanReport first = scan(false);
    ScanReport second = scan(false);

    assertEquals(1, first.invalid().size(), first::toString);
    assertEquals(1, second.invalid().size(), "not forgotten once reported: " + second);
    assertTrue(second.invalid().get(0).contains("notes:draft.txt"));
  }

  @Test
  void folderOfRecordsRemovedIsCapturedWhileOtherFoldersAreUnchanged() throws Exception {
    record("fonds2/c", "C-1", "third");
    scan(false);
    deleteTree(holdings.resolve("fonds2"));

    ScanReport r = scan(false);

    assertEquals(1, r.deleted(), r::toString);
    assertEquals(2, r.records());
    assertEquals(0, r.added() + r.modified() + r.filesHashed());
  }

  @Test
  void recordMovedToAnotherFolderIsNeitherDeletedNorAdded() throws Exception {
    record("fonds1/c", "C-1", "third");
    scan(false);
    Files.createDirectories(holdings.resolve("fonds2"));
    Files.move(holdings.resolve("fonds1/c"), holdings.resolve("fonds2/c"));

    ScanReport moved = scan(false);
    ScanReport after = scan(false);

    assertEquals(0, moved.added() + moved.modified() + moved.deleted(), moved::toString);
    assertEquals(holdings.resolve("fonds2/c").toAbsolutePath().toString(), folderOf("C-1"));
    assertEquals(3, after.records());
    assertEquals(0, after.added() + after.modified() + after.deleted() + after.filesHashed());
  }

  @Test
  void newFolderClaimingTheIdOfAnUnchangedRecordIsAConflictAtEveryScan() throws Exception {
    scan(false);
    record("fonds2/dup", "A-1", "impostor");

    ScanReport first = scan(false);
    ScanReport second = scan(false);

    for (ScanReport r : List.of(first, second)) {
      assertEquals(1, r.conflicts().size(), r::toString);
      String conflict = r.conflicts().get(0);
      assertTrue(conflict.contains(holdings.resolve("a").toString())
          && conflict.contains(holdings.resolve("fonds2/dup").toString()), conflict);
      assertEquals(0, r.added() + r.modified() + r.deleted(), r::toString);
    }
    assertEquals(holdings.resolve("a").toAbsolutePath().toString(), folderOf("A-1"));
  }

  @Test
  void ledgerRecordedBeforeParentFoldersWereKeptIsComparedOnceAndThenByFolder()
      throws Exception {
    scan(false);
    ledgerSql("UPDATE record SET parent = NULL");
    ledgerSql("DELETE FROM record_parent");

    ScanReport upgraded = scan(false);
    long withoutParent = ledgerCount("SELECT COUNT(*) FROM record WHERE parent IS NULL");
    long parents = ledgerCount("SELECT COUNT(*) FROM record_parent");
    Files.writeString(holdings.resolve("b/scan.txt"), "second, revised");
    ScanReport changed = scan(false);

    assertEquals(2, upgraded.records());
    assertEquals(0, upgraded.added() + upgraded.modified() + upgraded.deleted()
        + upgraded.filesHashed(), upgraded::toString);
    assertEquals(0, withoutParent, "every record has its parent folder now");
    assertEquals(1, parents, "a and b lie in one folder");
    assertEquals(1, changed.modified(), changed::toString);
    assertEquals(1, changed.filesHashed());
  }

  /** Runs a statement on the ledger's database, as an older version would have left it. */
  private void ledgerSql(String statement) throws Exception {
    try (Connection c = ledgerConnection(); Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  private long ledgerCount(String query) throws Exception {
    try (Connection c = ledgerConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Connection ledgerConnection() throws Exception {
    return TestLedgers.connect(TestLedgers.location(dir.resolve("ledger")));
  }

  private String folderOf(String archivalId) throws Exception {
    try (SourceLedger ledger = SourceLedger.open(TestLedgers.location(dir.resolve("ledger")),
        Fixtures.CLOCK, "tester")) {
      return ledger.inTransaction(tx -> tx.records().stat(archivalId)).orElseThrow().folder();
    }
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
