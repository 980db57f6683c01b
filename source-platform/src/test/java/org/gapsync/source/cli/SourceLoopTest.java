package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageId;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptWriter;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.RecordChange;
import org.gapsync.format.syncpackage.SyncPackageVerifier;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.format.validation.Finding;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source side of the closed loop through its command line: scan, build, a receipt made with
 * the package-format library standing in for the target, ingest, confirmed or re-queued.
 */
class SourceLoopTest {
  private static final Path EXAMPLES = Path.of("..", "docs", "examples");
  private final SigningKey targetKey = Fixtures.key("reading-room");
  @TempDir
  Path dir;
  private Path holdings;
  private Path media;
  private String out;
  private String err;

  private int run(String... args) {
    SourceCli.Run r = SourceCli.run(dir, args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
    holdings = dir.resolve("holdings");
    try (Stream<Path> walk = Files.walk(EXAMPLES.resolve("holdings"))) {
      for (Path p : walk.toList()) {
        Path target = holdings.resolve(EXAMPLES.resolve("holdings").relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    media = Files.createDirectory(dir.resolve("media"));
    Path cert = dir.resolve("reading-room.pem");
    Certificates.writePem(targetKey.certificate(), cert);
    assertEquals(0, run("init", "--id", "archive-lan"), err);
    assertEquals(0, run("user", "add", System.getProperty("user.name"), "--role",
        "archivist"), err);
    assertEquals(0, run("holdings", "scan", holdings.toString()), err);
    assertTrue(out.startsWith("10 records: 10 added"), out);
    assertEquals(0, run("destination", "add", "--id", "reading-room", "--template",
        EXAMPLES.resolve("reading-room.xml").toString(), "--cert", cert.toString()), err);
  }

  private Verification<PackageHeader> build() throws Exception {
    assertEquals(0, run("package", "build", "--destination", "reading-room", "--to",
        media.toString()), err);
    Path pkg = Path.of(out.substring(6, out.indexOf(" (sequence")));
    TrustStore trust = TrustStore.empty().with("archive-lan",
        Certificates.readPem(dir.resolve("home/certificate.pem")));
    Verification<PackageHeader> v = new SyncPackageVerifier(trust, 2).verify(pkg);
    assertTrue(v.isValid(), v.report()::toString);
    return v;
  }

  /** Plays the target: applies the header to {@code held} and writes a signed receipt. */
  private Path receipt(PackageHeader header, Map<String, List<FileState>> held, String corrupt)
      throws Exception {
    List<RecordResult> results = new ArrayList<>();
    for (RecordChange r : header.records()) {
      Map<String, FileState> files = new java.util.TreeMap<>();
      held.getOrDefault(r.archivalId(), List.of()).forEach(f -> files.put(f.path().value(), f));
      r.removed().forEach(p -> files.remove(p.value()));
      r.files().forEach(f -> files.put(f.path().value(), f));
      if (r.change() == ChangeKind.DELETE) {
        files.clear();
      }
      if (r.archivalId().equals(corrupt)) {
        FileState f = files.values().iterator().next();
        files.put(f.path().value(), new FileState(f.path(), f.size(),
            Digest.of(DigestAlgorithm.SHA256, new byte[] {1})));
      }
      held.put(r.archivalId(), List.copyOf(files.values()));
      results.add(new RecordResult(r.archivalId(), r.version(), RecordOutcome.APPLIED,
          Optional.empty(), List.copyOf(files.values())));
    }
    return write(new Receipt(PackageId.of("rr-receipt-" + header.sequence()),
        header.packageId(), header.sourcePlatform(), "reading-room", header.sequence(),
        Fixtures.NOW, "operator", PackageOutcome.ACCEPTED, List.of(), List.of(), results));
  }

  /** Plays a target that refused the whole package: a signed receipt with its finding. */
  private Path rejection(PackageHeader header, Finding finding) throws Exception {
    return write(new Receipt(PackageId.of("rr-receipt-" + header.sequence()),
        header.packageId(), header.sourcePlatform(), "reading-room", header.sequence(),
        Fixtures.NOW, "operator", PackageOutcome.REJECTED, List.of(finding), List.of(),
        List.of()));
  }

  private Path write(Receipt receipt) throws Exception {
    return new ReceiptWriter(new PackageSigner(targetKey, Fixtures.CLOCK),
        ContainerFormat.ZIP, ContainerWriter.Options.DEFAULT).write(receipt, Map.of(),
        Files.createDirectories(dir.resolve("receipts")));
  }

  @Test
  void confirmsWhatMatchesAndResendsWhatDoesNot() throws Exception {
    Map<String, List<FileState>> held = new java.util.HashMap<>();
    PackageHeader first = build().header().orElseThrow();
    assertEquals(7, first.records().size());
    assertFalse(first.records().stream().anyMatch(r -> r.archivalId().equals("F001-2005-0002")),
        "a restricted record never goes to the reading room");
    assertFalse(first.records().stream().flatMap(r -> r.files().stream())
        .anyMatch(f -> f.path().value().endsWith(".tif")), "no master scans");

    assertEquals(0, run("receipt", "ingest", receipt(first, held, "F001-1998-0002")
        .toString()), err);
    assertTrue(out.contains("6 confirmed, 1 failed and re-queued"), out);
    assertEquals(0, run("queue", "--destination", "reading-room"));
    assertTrue(out.contains("F001-1998-0002") && out.contains("re-queued after failure"), out);

    PackageHeader second = build().header().orElseThrow();
    assertEquals(List.of("F001-1998-0002"), second.records().stream()
        .map(RecordChange::archivalId).toList());
    assertEquals(ChangeKind.MODIFY, second.records().get(0).change());
    assertEquals(1, second.records().get(0).files().size(), "only the damaged file again");
    assertEquals(0, run("receipt", "ingest", receipt(second, held, "").toString()), err);
    assertTrue(out.contains("1 confirmed, 0 failed"), out);

    assertEquals(0, run("ledger", "query", "--archival-id", "F001-1998-0002", "--format",
        "json"));
    assertTrue(out.contains("\"state\" : \"confirmed\"") && out.contains("\"attempts\" : 2"),
        out);
    assertEquals(0, run("ledger", "query", "--state", "confirmed", "--format", "csv"));
    assertEquals(8, out.lines().count(), out);
  }

  @Test
  void aRecordTheReceiptLeavesOutFailsAndOneItAddsIsIgnored() throws Exception {
    PackageHeader first = build().header().orElseThrow();
    List<RecordResult> results = new ArrayList<>();
    for (RecordChange r : first.records()) {
      if (!r.archivalId().equals("F001-1998-0002")) {
        results.add(new RecordResult(r.archivalId(), r.version(), RecordOutcome.APPLIED,
            Optional.empty(), r.files()));
      }
    }
    results.add(new RecordResult("F001-2005-0002", 1, RecordOutcome.APPLIED, Optional.empty(),
        List.of()));

    assertEquals(0, run("receipt", "ingest", write(new Receipt(PackageId.of("rr-receipt-1"),
        first.packageId(), first.sourcePlatform(), "reading-room", 1, Fixtures.NOW, "operator",
        PackageOutcome.ACCEPTED, List.of(), List.of(), results)).toString()), err);

    assertTrue(out.contains("6 confirmed, 1 failed and re-queued"), out);
    assertTrue(out.contains("  failed: F001-1998-0002: missing from receipt rr-receipt-1"), out);
    assertEquals(0, run("ledger", "query", "--archival-id", "F001-2005-0002"));
    assertFalse(out.contains("confirmed"), out);
  }

  @Test
  void rejectedPackageFailsEveryRecordAndTheNextPackageCarriesThemAllAgain() throws Exception {
    PackageHeader first = build().header().orElseThrow();
    Finding damage = new Finding(FindingCode.DIGEST_MISMATCH, "data/F001-1998-0001/scan.jpg",
        "actual sha256 00 != expected 11");

    assertEquals(0, run("receipt", "ingest", rejection(first, damage).toString()), err);

    assertTrue(out.contains("0 confirmed, 7 failed and re-queued"), out);
    assertEquals(0, run("ledger", "query", "--state", "failed", "--format", "csv"), err);
    List<String> failed = out.lines().skip(1).toList();
    assertEquals(7, failed.size(), out);
    assertTrue(failed.stream().allMatch(l -> l.contains("package rejected by reading-room: "
        + "DIGEST_MISMATCH")), out);
    PackageHeader second = build().header().orElseThrow();
    assertEquals(first.records().stream().map(RecordChange::archivalId).toList(),
        second.records().stream().map(RecordChange::archivalId).toList());
    assertTrue(second.records().stream().allMatch(r -> r.change() == ChangeKind.ADD
        && r.files().size() == first.records().stream().filter(f -> f.archivalId()
            .equals(r.archivalId())).findFirst().orElseThrow().files().size()),
        "nothing was applied, so every file goes again");
    receiptAndIngest(second);
    assertEquals(0, run("ledger", "query", "--state", "confirmed", "--format", "json"), err);
    assertEquals(7, out.split("\"attempts\" : 2").length - 1, out);
  }

  @Test
  void ingestingTheSameReceiptTwiceChangesNothing() throws Exception {
    Path receipt = receipt(build().header().orElseThrow(), new java.util.HashMap<>(), "");
    assertEquals(0, run("receipt", "ingest", receipt.toString()), err);

    assertEquals(0, run("receipt", "ingest", receipt.toString()), err);

    assertTrue(out.contains("was ingested before; nothing changed"), out);
  }

  @Test
  void refusesReceiptsForUnknownPackagesAndFromStrangers() throws Exception {
    PackageHeader header = build().header().orElseThrow();
    Path real = receipt(header, new java.util.HashMap<>(), "");
    Files.move(real, dir.resolve("keep.zip"));
    PackageHeader unknown = new PackageHeader(PackageId.of("archive-lan-reading-room-000099"),
        header.sourcePlatform(), header.destination(), header.template(), 99,
        Optional.empty(), header.created(), header.operator(), header.records());

    assertEquals(ExitCodes.INVALID, run("receipt", "ingest",
        receipt(unknown, new java.util.HashMap<>(), "").toString()));
    assertTrue(err.contains("receipt for unknown package archive-lan-reading-room-000099"), err);
  }

  @Test
  void changeSyncCarriesOnlyTheChangedFile() throws Exception {
    receiptAndIngest(build().header().orElseThrow());
    Path record = holdings.resolve("F002/2010/F002-2010-0007");
    Files.writeString(record.resolve("data.csv"), "revised,data\n");

    assertEquals(0, run("holdings", "scan", holdings.toString()), err);
    assertTrue(out.contains("1 modified"), out);
    PackageHeader next = build().header().orElseThrow();

    assertEquals(1, next.records().size());
    assertEquals(List.of("data.csv"), next.records().get(0).files().stream()
        .map(f -> f.path().value()).toList());
  }

  @Test
  void aRecordDeletedWhileThePackageAddingItIsUnansweredIsDeletedByTheNextPackage()
      throws Exception {
    build();
    FileTrees.delete(holdings.resolve("F002/2010/F002-2010-0007"));
    assertEquals(0, run("holdings", "scan", holdings.toString()), err);
    assertTrue(out.contains("1 deleted"), out);

    // The first package may be applied before the next one comes: the deletion must go.
    PackageHeader next = build().header().orElseThrow();

    assertEquals(List.of("F002-2010-0007 DELETE"), next.records().stream()
        .map(r -> r.archivalId() + " " + r.change()).toList());
  }

  @Test
  void aRecordEditedBackWhileThePackageWithItsEditIsUnansweredGoesWhole() throws Exception {
    receiptAndIngest(build().header().orElseThrow());
    Path data = holdings.resolve("F002/2010/F002-2010-0007/data.csv");
    String before = Files.readString(data);
    Files.writeString(data, "revised,data\n");
    assertEquals(0, run("holdings", "scan", holdings.toString()), err);
    build();
    Files.writeString(data, before);
    assertEquals(0, run("holdings", "scan", holdings.toString()), err);

    // The destination may hold the edit by then: what it held before is no guide.
    PackageHeader next = build().header().orElseThrow();

    assertEquals(1, next.records().size());
    assertEquals(ChangeKind.ADD, next.records().get(0).change());
    assertTrue(next.records().get(0).files().stream().anyMatch(f -> f.path().value()
        .equals("data.csv")), next.records().get(0).files().toString());
  }

  @Test
  void theQueueSaysWhyEachVersionWaitsAndForgetsTheVersionItSupersedes() throws Exception {
    assertEquals(0, run("queue", "--destination", "reading-room", "--format", "csv"), err);
    assertTrue(out.contains("F001-1998-0001,1,add,0,selected by template reading-room when "
        + "the destination was added\n"), out);
    Files.writeString(holdings.resolve("F001/1998/F001-1998-0001/reply.txt"), "amended\n");
    assertEquals(0, run("holdings", "scan", holdings.toString()), err);

    assertEquals(0, run("queue", "--destination", "reading-room", "--format", "csv"), err);

    assertTrue(out.contains("F001-1998-0001,2,modify,0,changed: reply.txt (version 2)\n"), out);
    assertFalse(out.contains("F001-1998-0001,1,"), "version 1 is superseded: " + out);
    assertEquals(8, out.lines().count(), "a header and the 7 records: " + out);
  }

  @Test
  void recordMadeRestrictedIsDeletedFromTheReadingRoom() throws Exception {
    receiptAndIngest(build().header().orElseThrow());
    Path meta = holdings.resolve("F001/2005/F001-2005-0001/metadata.xml");
    Files.writeString(meta, Files.readString(meta).replace("<openness>open</openness>",
        "<openness>restricted</openness>"));

    assertEquals(0, run("holdings", "scan", holdings.toString()), err);
    PackageHeader next = build().header().orElseThrow();

    assertEquals(ChangeKind.DELETE, next.records().get(0).change());
    assertEquals("F001-2005-0001", next.records().get(0).archivalId());
  }

  @Test
  void invalidMetadataIsReportedByLineAndTheRestProceeds() throws Exception {
    Path meta = holdings.resolve("F002/2020/F002-2020-0009/metadata.xml");
    Files.writeString(meta, Files.readString(meta).replace("<year>2020</year>",
        "<year>twenty</year>"));
    Files.writeString(holdings.resolve("F001/1998/F001-1998-0001/reply.txt"), "amended\n");

    assertEquals(ExitCodes.INVALID, run("holdings", "scan", holdings.toString()));

    assertTrue(out.contains("F002-2020-0009/metadata.xml:6: "), out);
    assertTrue(out.contains("1 modified, 0 deleted"), out);
  }

  @Test
  void recordsChosenByHandFromTheQueueGoAloneAndTheRestStaysQueued() throws Exception {
    Path medium = Files.createDirectories(dir.resolve("picked"));

    assertEquals(0, run("package", "build", "--destination", "reading-room", "--to",
        medium.toString(), "--records", "F001-2005-0001,F001-1998-0001"), err);

    assertTrue(out.contains("(sequence 1): 2 records,"), out);
    assertEquals(0, run("queue", "--destination", "reading-room"), err);
    assertEquals(6, out.lines().count(), "the other 5 still queued: " + out);
    assertFalse(out.contains("F001-1998-0001") || out.contains("F001-2005-0001"), out);
  }

  @Test
  void aDestinationAddedLaterQueuesWhatItsTemplateSelectsOfHoldingsLargerThanABatch()
      throws Exception {
    String sample = Files.readString(holdings.resolve("F001/1998/F001-1998-0001/metadata.xml"));
    for (int n = 1; n <= 600; n++) {
      String id = String.format("F003-2001-%04d", n);
      Path folder = Files.createDirectories(holdings.resolve("F003/2001/" + id));
      Files.writeString(folder.resolve("metadata.xml"), sample.replace("F001-1998-0001", id)
          .replace("<openness>open", n % 3 == 0 ? "<openness>restricted" : "<openness>open"));
    }
    assertEquals(0, run("holdings", "scan", holdings.toString()), err);
    Path cert = dir.resolve("reading-room.pem");

    assertEquals(0, run("destination", "add", "--id", "second-room", "--template",
        EXAMPLES.resolve("reading-room.xml").toString(), "--cert", cert.toString()), err);

    assertTrue(out.endsWith("added destination second-room; 407 records queued for it\n"),
        "7 sample records and the 400 open ones of the 600: " + out);
    assertEquals(0, run("queue", "--destination", "second-room", "--format", "csv"), err);
    List<String> ids = out.lines().skip(1).map(l -> l.split(",")[1]).toList();
    assertEquals(407, ids.size());
    assertEquals(ids.stream().sorted().toList(), ids, "in archival id order");
    assertFalse(ids.contains("F003-2001-0003"), "restricted");
    assertTrue(ids.contains("F003-2001-0001") && ids.contains("F003-2001-0599"), "open");
  }

  @Test
  void moreProblemsThanAScreenAreListedWholeInAFileOfTheHome() throws Exception {
    for (int n = 1; n <= 25; n++) {
      Path folder = Files.createDirectories(holdings.resolve("F009/2021/bad-" + n));
      Files.writeString(folder.resolve("metadata.xml"), "<record>unfinished");
    }

    assertEquals(ExitCodes.INVALID, run("holdings", "scan", holdings.toString()));

    assertEquals(20, out.lines().filter(l -> l.startsWith("skipped, invalid: ")).count(), out);
    String last = out.lines().filter(l -> l.startsWith("... and 5 more, all in ")).findFirst()
        .orElseThrow(() -> new AssertionError(out));
    Path list = Path.of(last.substring("... and 5 more, all in ".length()));
    assertEquals(dir.resolve("home/reports"), list.getParent());
    List<String> listed = Files.readAllLines(list);
    assertEquals(25, listed.size(), listed.toString());
    for (int n = 1; n <= 25; n++) {
      String folder = "bad-" + n + "/metadata.xml";
      assertTrue(listed.stream().anyMatch(l -> l.contains(folder)), folder + " in " + listed);
    }
    assertTrue(err.contains("25 problems need attention (every one listed in " + list + ")"),
        err);
    assertTrue(out.startsWith("10 records: "), "the others are counted as before: " + out);
  }

  @Test
  void emptyHoldingsRootIsTakenForAnUnmountedDriveNotForEveryRecordDeleted() throws Exception {
    Path unmounted = Files.createDirectory(dir.resolve("mnt"));

    assertEquals(ExitCodes.IO, run("holdings", "scan", unmounted.toString()));

    assertEquals("error: " + unmounted + " holds no record, but the ledger knows 10; nothing "
        + "was changed. Check that the holdings are mounted and ROOT is their root; if every "
        + "record was really removed, scan again with --allow-empty", err.strip());
    assertEquals(0, run("queue", "--destination", "reading-room"), err);
    assertEquals(8, out.lines().count(), "the 7 records still queued as they were: " + out);
    assertFalse(out.contains("delete"), out);

    assertEquals(0, run("holdings", "scan", unmounted.toString(), "--allow-empty"), err);
    assertTrue(out.startsWith("0 records: 0 added, 0 modified, 10 deleted"), out);
  }

  @Test
  void holdingsRootThatIsNotAFolderIsAnEnvironmentError() {
    Path missing = dir.resolve("not-mounted");

    assertEquals(ExitCodes.IO, run("holdings", "scan", missing.toString()));

    assertTrue(err.startsWith("error: " + missing), err);
    assertTrue(err.contains("not a folder: check the holdings path"), err);
  }

  @Test
  void helpOfEverySubcommandNamesTheSourcesOwnVariables() {
    assertEquals(ExitCodes.OK, run("holdings", "scan", "--help"));

    assertTrue(out.contains("$SOURCE_PLATFORM_HOME"), out);
    assertTrue(out.contains("$SOURCE_PLATFORM_PASSPHRASE"), out);
  }

  @Test
  void unknownDestinationIsAUsageError() {
    assertEquals(ExitCodes.USAGE, run("package", "build", "--destination", "nowhere", "--to",
        media.toString()));
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("error: unknown destination nowhere"), err);
  }

  @Test
  void packageThatWouldNotFitIsRefusedBeforeWriting() throws Exception {
    assertEquals(4, run("package", "build", "--destination", "reading-room", "--to",
        media.toString(), "--max-bytes", "1000"));

    assertTrue(err.contains("more than --max-bytes 1000; nothing was written"), err);
    try (Stream<Path> files = Files.list(media)) {
      assertEquals(0, files.count());
    }
    assertEquals(0, run("ledger", "query", "--state", "exported"));
    assertEquals(1, out.lines().count(), "no record marked exported: " + out);
  }

  @Test
  void missingMediumLeavesTheLedgerAsItWas() throws Exception {
    assertEquals(ExitCodes.IO, run("package", "build", "--destination", "reading-room", "--to",
        dir.resolve("unplugged").toString()));

    assertTrue(err.startsWith("error: ") && err.contains("unplugged"), err);
    assertEquals(0, run("queue", "--destination", "reading-room"));
    assertEquals(8, out.lines().count(), "all 7 still queued: " + out);
  }

  @Test
  void cancelStopsResendingAndHistoryTellsTheRecordsStoryInOrder() throws Exception {
    String id = "F001-1998-0001";
    PackageHeader header = build().header().orElseThrow();

    assertEquals(0, run("ledger", "cancel", "--archival-id", id, "--destination",
        "reading-room"), err);
    assertEquals("cancelled 1 sync of " + id + " to reading-room", out.strip());
    assertEquals(0, run("ledger", "query", "--archival-id", id, "--format", "csv"), err);
    assertTrue(out.lines().skip(1).allMatch(l -> l.split(",")[4].equals("cancelled")), out);
    assertEquals(0, run("ledger", "cancel", "--archival-id", id, "--destination",
        "reading-room"), err);
    assertTrue(out.startsWith("nothing to cancel for " + id), out);

    assertEquals(0, run("ledger", "history", id, "--format", "csv"), err);
    assertEquals("at,destination,version,state,actor,packageId,detail",
        out.lines().findFirst().orElseThrow());
    List<String> states = out.lines().skip(1).map(l -> l.split(",")[3]).toList();
    assertEquals(List.of("pending", "exported", "cancelled"), states, out);
    assertTrue(out.contains("," + header.packageId().value() + ","), out);
    assertTrue(out.contains("cancelled by " + System.getProperty("user.name")), out);
  }

  private void receiptAndIngest(PackageHeader header) throws Exception {
    assertEquals(0, run("receipt", "ingest", receipt(header, new java.util.HashMap<>(), "")
        .toString()), err);
  }
}
