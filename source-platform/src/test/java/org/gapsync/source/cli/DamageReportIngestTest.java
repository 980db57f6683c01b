package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.receipt.DamageReport;
import org.gapsync.format.receipt.DamagedRecord;
import org.gapsync.format.receipt.ReceiptWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.RecordChange;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code receipt ingest} of a damage report: the records it names that were confirmed are
 * failed and queued again with their damage, and the next package carries only what the
 * damage took; a report is taken once, only after the receipts of the packages it covers, and
 * only for this source.
 */
class DamageReportIngestTest {
  private static final SigningKey TARGET = Fixtures.key("reading-room");

  @TempDir
  Path dir;

  private PackageHeader first;

  @BeforeEach
  void setUp() throws Exception {
    SourceCli.homeWithDestination(dir, "reading-room", "reading-room.xml", TARGET);
    first = SourceCli.build(dir, "reading-room");
  }

  private SourceCli.Run run(String... args) {
    return SourceCli.run(dir, args);
  }

  /** Plays the target: a damage report on {@code record} of the first package. */
  private Path damage(String source, long lastSequence, int minutes) throws Exception {
    RecordChange r = first.records().get(0);
    List<FileState> now = new ArrayList<>(r.files());
    FileState hurt = now.remove(now.size() - 1);
    now.add(new FileState(hurt.path(), hurt.size(), Digest.of(DigestAlgorithm.SHA256,
        new byte[] {1})));
    DamageReport report = DamageReport.of(source, "reading-room",
        Fixtures.NOW.plus(Duration.ofMinutes(minutes)), "operator", lastSequence,
        List.of(new DamagedRecord(r.archivalId(), r.version(),
            List.of(hurt.path() + ": changed"), now)));
    return new ReceiptWriter(new PackageSigner(TARGET, Fixtures.CLOCK), ContainerFormat.TAR,
        ContainerWriter.Options.DEFAULT).write(report, Map.of(),
        Files.createDirectories(dir.resolve("returns-" + minutes)));
  }

  private String record() {
    return first.records().get(0).archivalId();
  }

  @Test
  void queuesTheDamagedRecordAgainAndTheNextPackageCarriesOnlyTheDamagedFile()
      throws Exception {
    assertEquals(0, run("receipt", "ingest", SourceCli.receipt(dir, first, TARGET).toString())
        .code());
    Path report = damage("archive-lan", 1, 1);

    SourceCli.Run r = run("receipt", "ingest", report.toString());

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("from reading-room: 1 record queued again"), r.out());
    assertTrue(r.out().contains("queued again: " + record() + ": "), r.out());
    assertTrue(run("queue").out().contains(record()), "queued");
    SourceCli.Run verify = run("ledger", "verify");
    assertEquals(0, verify.code(), "what the report says it holds is bound: " + verify.err());
    SourceCli.Run again = run("receipt", "ingest", report.toString());
    assertTrue(again.out().contains("was ingested before; nothing changed"), again.out());
    Files.createDirectories(dir.resolve("medium-2"));
    SourceCli.Run build = run("package", "build", "--destination", "reading-room", "--to",
        dir.resolve("medium-2").toString());
    assertTrue(build.out().contains("(sequence 2): 1 record, 1 file"), build.out());

    // A later report on it while that package travels notes it and leaves it be.
    SourceCli.Run onItsWay = run("receipt", "ingest", damage("archive-lan", 1, 2).toString());
    assertTrue(onItsWay.out().contains("0 records queued again"), onItsWay.out());
    assertTrue(onItsWay.out().contains("on its way in archive-lan-reading-room-000002"),
        onItsWay.out());
  }

  @Test
  void aReportIsRefusedUntilTheReceiptsOfThePackagesItCoversAreIngested() throws Exception {
    SourceCli.Run r = run("receipt", "ingest", damage("archive-lan", 1, 1).toString());

    assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("the receipt for archive-lan-reading-room-000001 has not been "
        + "ingested; ingest that receipt first"), r.err());
    assertTrue(run("queue").out().contains("nothing"), "nothing queued: " + run("queue").out());
  }

  @Test
  void aReportOnAnotherSourcesRecordsIsRefused() throws Exception {
    SourceCli.Run r = run("receipt", "ingest", damage("other-lan", 0, 1).toString());

    assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("reports damage to the records of other-lan, not of this "
        + "source (archive-lan); take it to other-lan"), r.err());
  }
}
