package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.gapsync.format.PackageId;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code receipt ingest DIR}: the folder of receipts as it comes back on the medium, each
 * ingested in its destination's sequence order whatever the names' order, each reported, and
 * one refused receipt not stopping the others.
 */
class ReceiptFolderTest {
  private static final SigningKey TARGET = Fixtures.key("reading-room");

  /**
   * A destination id so long that receipts are named by a digest, chosen so that the second
   * package's receipt sorts by name before the first's: only the ledger knows their order.
   */
  private static final String DESTINATION = IntStream.range(0, 100)
      .mapToObj(n -> "reading-room-" + "r".repeat(90) + n)
      .filter(d -> PackageId.of("archive-lan", d, 2).receipt().value().compareTo(
          PackageId.of("archive-lan", d, 1).receipt().value()) < 0)
      .findFirst().orElseThrow();

  @TempDir
  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    SourceCli.homeWithDestination(dir, DESTINATION, "reading-room.xml", TARGET);
  }

  private SourceCli.Run run(String... args) {
    return SourceCli.run(dir, args);
  }

  /** Builds the next package onto a new medium and returns its header. */
  private PackageHeader build(String medium) throws Exception {
    Path media = Files.createDirectories(dir.resolve(medium));
    SourceCli.Run r = run("package", "build", "--destination", DESTINATION, "--to",
        media.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    Path written = Path.of(r.out().substring(6, r.out().indexOf(" (sequence")));
    return new org.gapsync.format.syncpackage.SyncPackageVerifier(
        org.gapsync.format.signature.TrustStore.empty().with("archive-lan",
            org.gapsync.format.signature.Certificates.readPem(dir.resolve(
                "home/certificate.pem"))), 2).verify(written).header().orElseThrow();
  }

  /** Plays the target: its receipt for {@code header}, put into the returns folder. */
  private Path receiptInto(Path returns, PackageHeader header) throws Exception {
    Path written = SourceCli.receipt(dir, header, TARGET);
    try (var s = Files.list(written.getParent())) {
      for (Path p : s.toList()) {
        Files.move(p, Files.createDirectories(returns).resolve(p.getFileName()));
      }
    }
    return returns.resolve(written.getFileName());
  }

  @Test
  void ingestsEveryReceiptInTheFolderInSequenceOrder() throws Exception {
    PackageHeader first = build("medium-1");
    Path record = dir.resolve("holdings/F001/1998/F001-1998-0001/metadata.xml");
    Files.writeString(record, Files.readString(record).replace("</title>", " (rev.)</title>"));
    assertEquals(0, run("holdings", "scan", dir.resolve("holdings").toString()).code());
    PackageHeader second = build("medium-2");
    Path returns = dir.resolve("returns");
    receiptInto(returns, first);
    receiptInto(returns, second);
    Files.writeString(returns.resolve("README.txt"), "carried back on 2026-12-02\n");

    SourceCli.Run r = run("receipt", "ingest", returns.toString());

    assertEquals(0, r.code(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(List.of("skipped README.txt: not named as a receipt, a damage report or a gap notice",
        "receipt " + first.packageId().receipt() + " for " + first.packageId()
            + ": 7 confirmed, 0 failed and re-queued",
        "receipt " + second.packageId().receipt() + " for " + second.packageId()
            + ": 1 confirmed, 0 failed and re-queued",
        "2 of 2 receipts ingested"), lines);
    SourceCli.Run again = run("receipt", "ingest", returns.toString());
    assertEquals(0, again.code(), again.err());
    assertEquals(2, again.out().split("was ingested before; nothing changed").length - 1,
        again.out());
  }

  @Test
  void aRefusedReceiptIsReportedAndTheOthersAreStillIngested() throws Exception {
    PackageHeader first = build("medium-1");
    Path returns = dir.resolve("returns");
    Path good = receiptInto(returns, first);
    Path bad = returns.resolve("forged.receipt.tar");
    Files.write(bad, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 't', 'a', 'r'});

    SourceCli.Run r = run("receipt", "ingest", returns.toString());

    assertEquals(ExitCodes.INVALID, r.code(), r.out() + r.err());
    assertTrue(r.err().startsWith("error: " + bad), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.out().contains("for " + first.packageId() + ": 7 confirmed"), r.out());
    assertTrue(r.out().strip().endsWith("1 of 2 receipts ingested; 1 refused (see above)"),
        r.out());
    assertTrue(Files.exists(good));
  }

  @Test
  void aFolderWithoutReceiptsAndAMissingPathSayWhatIsWrong() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    SourceCli.Run none = run("receipt", "ingest", empty.toString());
    SourceCli.Run missing = run("receipt", "ingest", dir.resolve("no-such").toString());

    assertEquals(ExitCodes.IO, none.code());
    assertTrue(none.err().contains("holds no receipt; name the folder the target wrote them "
        + "into"), none.err());
    assertEquals(ExitCodes.IO, missing.code());
    assertTrue(missing.err().contains("no such receipt or folder; check the path (is the "
        + "medium mounted?)"), missing.err());
  }
}
