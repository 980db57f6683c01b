package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptWriter;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.ledger.TestLedgers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger report as an auditor reads it: the reading room got seven of the ten sample
 * records, one came back damaged and was sent again, and that package has no receipt yet.
 */
class LedgerReportTest {
  private static final String DAMAGED = "F001-1998-0002";
  private final SigningKey target = Fixtures.key("reading-room");
  @TempDir
  Path dir;

  private SourceCli.Run run(String... args) {
    return SourceCli.run(dir, args);
  }

  @BeforeEach
  void setUp() throws Exception {
    SourceCli.homeWithDestination(dir, "reading-room", "reading-room.xml", target);
    PackageHeader first = SourceCli.build(dir, "reading-room");
    SourceCli.Run ingest = run("receipt", "ingest", damaging(first, dir).toString());
    assertEquals(0, ingest.code(), ingest.err());
    Files.move(dir.resolve("media"), dir.resolve("media-1"));
    SourceCli.build(dir, "reading-room");
  }

  /**
   * Returns a receipt for {@code header}, written under {@code folder}, in which one file of
   * {@link #DAMAGED} came out different.
   */
  private Path damaging(PackageHeader header, Path folder) throws Exception {
    List<RecordResult> results = header.records().stream().map(r -> {
      List<FileState> files = r.files();
      if (r.archivalId().equals(DAMAGED)) {
        FileState f = files.get(0);
        files = List.of(new FileState(f.path(), f.size(), Digest.of(DigestAlgorithm.SHA256,
            new byte[] {1})));
      }
      return new RecordResult(r.archivalId(), r.version(), RecordOutcome.APPLIED,
          Optional.empty(), files);
    }).toList();
    return new ReceiptWriter(new PackageSigner(target, Fixtures.CLOCK), ContainerFormat.TAR,
        ContainerWriter.Options.DEFAULT).write(new Receipt(header.packageId().receipt(),
            header.packageId(), header.sourcePlatform(), header.destination(),
            header.sequence(), Fixtures.NOW, "operator", PackageOutcome.ACCEPTED, List.of(),
            List.of(), results), Map.of(), Files.createDirectories(folder.resolve("receipt")));
  }

  @Test
  void jsonCountsTheStatesAndListsWhatFailedWaitsAndWasNeverSelected() throws Exception {
    SourceCli.Run r = run("ledger", "report", "--format", "json");
    assertEquals(0, r.code(), r.err());

    JsonNode report = new ObjectMapper().readTree(r.out());
    JsonNode rr = report.get("destinations").get(0);
    assertEquals("reading-room", rr.get("id").asText());
    assertEquals(6, rr.get("records").get("confirmed").asInt(), rr.toString());
    assertEquals(1, rr.get("records").get("exported").asInt(), rr.toString());
    assertEquals(6, rr.get("confirmed").get("count").asInt());
    // The damaged record failed, was sent again, and now waits for that package's receipt.
    assertEquals(0, rr.get("failed").get("total").asInt());
    assertEquals(DAMAGED, rr.get("waiting").get("shown").get(0).get("archivalId").asText());
    assertEquals(2, rr.get("waiting").get("shown").get(0).get("attempts").asInt());
    assertTrue(rr.get("waiting").get("shown").get(0).get("why").asText().contains("sha256"),
        rr.toString());
    assertEquals(1, rr.get("withoutReceipt").get("total").asInt());
    assertEquals(rr.get("lastPackage").asText(), rr.get("withoutReceipt").get("shown").get(0)
        .get("packageId").asText());
    assertEquals(3, report.get("unselected").get("total").asInt(), "the reading room's "
        + "template leaves out three restricted or closed records");
    assertTrue(report.get("chain").get("auditTrailIntact").asBoolean());
    assertTrue(report.get("chain").get("syncEventsIntact").asBoolean());
  }

  @Test
  void aFailureNotYetSentAgainIsListedWithWhy() throws Exception {
    // A home of its own, whose damaged record waits for the next build.
    Path fresh = Files.createDirectories(dir.resolve("fresh"));
    SourceCli.homeWithDestination(fresh, "reading-room", "reading-room.xml", target);
    PackageHeader first = SourceCli.build(fresh, "reading-room");
    SourceCli.Run ingest = SourceCli.run(fresh, "receipt", "ingest", damaging(first, fresh)
        .toString());
    assertEquals(0, ingest.code(), ingest.err());

    SourceCli.Run r = SourceCli.run(fresh, "ledger", "report", "--format", "csv");

    assertEquals(0, r.code(), r.err());
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .get().parse(new StringReader(r.out())).getRecords();
    CSVRecord failed = rows.stream().filter(x -> x.get("section").equals("failed")).findFirst()
        .orElseThrow();
    assertEquals(DAMAGED, failed.get("archivalId"));
    assertEquals("failed", failed.get("state"));
    assertTrue(failed.get("detail").contains("sha256"), failed.toString());
    assertFalse(failed.get("title").isEmpty());
    assertEquals("1", rows.stream().filter(x -> x.get("section").equals("records")
        && x.get("state").equals("failed")).findFirst().orElseThrow().get("count"));
    assertEquals(3, rows.stream().filter(x -> x.get("section").equals("unselected")).count());
    assertEquals("intact", rows.stream().filter(x -> x.get("section").equals("audit-trail"))
        .findFirst().orElseThrow().get("state"));
  }

  @Test
  void htmlIsADatedPageToPrintWithTitlesAndASignOff() throws Exception {
    Path page = dir.resolve("report.html");

    SourceCli.Run r = run("ledger", "report", "--out", page.toString());

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("wrote " + page + ": 1 destination, audit chain intact"),
        r.out());
    String html = Files.readString(page);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("<title>Sync ledger report</title>"), html);
    assertTrue(html.contains("Dated 2026-03-01 08:00 +00:00 &middot; by " + SourceCli.ME),
        html);
    assertTrue(html.contains("counter(page)") && html.contains("counter(pages)"),
        "numbered sheets");
    assertTrue(html.contains("<td class=\"id\">" + DAMAGED + "</td><td>"), "ids not broken");
    assertTrue(html.contains("<td>数字化中心建设方案</td>"), "titles as written");
    assertTrue(html.contains("Reviewed by") && html.contains("Seal"), "a sign-off block");
    assertTrue(html.contains("Audit trail intact"), html);
    assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".partial")));
  }

  @Test
  void aBrokenChainIsReportedAndExitsThree() throws Exception {
    try (Connection c = TestLedgers.connectToHome(dir.resolve("home"));
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE sync_state SET state = 'confirmed' WHERE archival_id = '"
          + DAMAGED + "'");
    }

    SourceCli.Run r = run("ledger", "report", "--format", "json");

    assertEquals(ExitCodes.INVALID, r.code());
    JsonNode chain = new ObjectMapper().readTree(r.out()).get("chain");
    assertFalse(chain.get("syncEventsIntact").asBoolean(), chain.toString());
    assertTrue(r.err().startsWith("error: the ledger's chains do not hold ("), r.err());
  }

  @Test
  void refusesAnUnknownDestinationAndAnExistingFile() throws Exception {
    SourceCli.Run unknown = run("ledger", "report", "--destination", "nowhere");
    assertEquals(ExitCodes.USAGE, unknown.code());
    assertTrue(unknown.err().contains("unknown destination nowhere"), unknown.err());

    Path earlier = Files.writeString(dir.resolve("earlier.html"), "kept");
    SourceCli.Run again = run("ledger", "report", "--out", earlier.toString());
    assertEquals(ExitCodes.USAGE, again.code());
    assertTrue(again.err().contains("--out " + earlier + " exists already"), again.err());
    assertEquals("kept", Files.readString(earlier));
  }
}
