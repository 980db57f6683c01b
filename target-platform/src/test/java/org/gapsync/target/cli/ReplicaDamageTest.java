package org.gapsync.target.cli;

import static org.gapsync.target.cli.PackageImportTest.add;
import static org.gapsync.target.cli.TargetRig.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.receipt.DamageReport;
import org.gapsync.format.receipt.DamagedRecord;
import org.gapsync.format.receipt.ReceiptVerifier;
import org.gapsync.format.signature.DecryptedCopy;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.RecordContent;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replica report-damage}: a signed damage report per source, encrypted to it, naming
 * each damaged record with its files as they are now; the damage recorded until a package
 * applies the record again.
 */
class ReplicaDamageTest {
  @TempDir
  Path dir;

  private TargetRig rig;
  private Path returns;

  @BeforeEach
  void setUp() throws Exception {
    rig = new TargetRig(dir).init();
    returns = dir.resolve("returns");
    TargetRig.check(rig.importFrom(rig.write(spec(1), List.of(add("A-1", "scan.txt",
        "page one"), add("A-2", "scan.txt", "page two")), ContainerFormat.TAR).path()));
  }

  @Test
  void aWholeReplicaGetsNoReport() throws Exception {
    TargetRig.Run r = rig.run("replica", "report-damage", "--receipt-to", returns.toString());

    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.out().contains("replica verified: 4 files, all as the ledger says; no damage "
        + "report written"), r.out());
    assertEquals(List.of(), List.of(returns.toFile().list()));
  }

  @Test
  void reportsEachDamagedRecordWithItsFilesNowAndKeepsItUntilAPackageRestoresIt()
      throws Exception {
    Path scan = rig.home.resolve("replica/archive-lan/A-1/scan.txt");
    Files.writeString(scan, "page 0ne");
    Files.writeString(rig.home.resolve("replica/archive-lan/stray.txt"), "whose?");

    TargetRig.Run r = rig.run("replica", "report-damage", "--receipt-to", returns.toString());

    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    assertTrue(r.out().contains("damage report for archive-lan: 1 damaged record (A-1), "
        + "written to " + returns), r.out());
    assertTrue(r.out().contains("1 difference in no record's folder, which no package "
        + "restores"), r.out());
    assertTrue(r.err().contains("carry " + returns + " back to archive-lan and run 'receipt "
        + "ingest' on it there"), r.err());
    DamageReport report = read(single(returns));
    assertEquals(1, report.lastSequence());
    DamagedRecord a1 = report.records().get(0);
    assertEquals("A-1", a1.archivalId());
    assertTrue(a1.damage().get(0).startsWith("scan.txt: changed: actual sha256 "), a1.damage()
        .toString());
    assertEquals(Digest.of(DigestAlgorithm.SHA256, "page 0ne".getBytes()), a1.files().stream()
        .filter(f -> f.path().value().equals("scan.txt")).findFirst().orElseThrow().digest());
    assertTrue(rig.run("status").out().contains("damaged, until a package restores them:\n"
        + "  A-1"), rig.run("status").out());

    RecordContent restore = new RecordContent("A-1", ChangeKind.MODIFY, 1,
        List.of(TargetRig.file("scan.txt", "page one")), List.of());
    TargetRig.check(rig.importFrom(rig.write(spec(2), List.of(restore), ContainerFormat.TAR)
        .path()));

    String status = rig.run("status", "--format", "json").out();
    assertTrue(status.contains("\"damaged\" : [ ]"), status);
  }

  private static Path single(Path folder) throws Exception {
    try (var s = Files.list(folder)) {
      List<Path> all = s.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  /** Opens the report as the source does: it came encrypted to the source's key. */
  private DamageReport read(Path sealed) throws Exception {
    assertTrue(sealed.getFileName().toString().endsWith(".tar.p7m"), sealed.toString());
    try (DecryptedCopy plain = DecryptedCopy.create(sealed, List.of(rig.sourceKey),
        Files.createDirectories(dir.resolve("scratch")))) {
      var v = new ReceiptVerifier(TrustStore.readFolder(rig.home.resolve("trust"))
          .with(TargetRig.TARGET, org.gapsync.format.signature.Certificates.readPem(
              rig.home.resolve("certificate.pem")))).verifyDamageReport(plain.path());
      assertEquals(List.of(), v.report().findings());
      return v.header().orElseThrow();
    }
  }
}
