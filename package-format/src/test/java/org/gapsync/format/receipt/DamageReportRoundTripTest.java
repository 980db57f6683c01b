package org.gapsync.format.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.PayloadSource;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.format.testing.Tamper;
import org.gapsync.format.validation.FindingCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DamageReportRoundTripTest {
  private final SigningKey targetKey = Fixtures.key(Fixtures.TARGET);

  static DamageReport report() {
    FileState page = new FileState(new PackagePath("scans/page 1.txt"), 14,
        Digest.of(DigestAlgorithm.SHA256, "the first pagE".getBytes(StandardCharsets.UTF_8)));
    return DamageReport.of(Fixtures.SOURCE, Fixtures.TARGET, Fixtures.NOW, "operator", 3,
        List.of(new DamagedRecord("A-2020-001", 2, List.of("scans/page 1.txt: changed: actual "
            + "sha256 ab12 != ledger 9f0c", "scans/page 2.txt: missing"), List.of(page)),
            new DamagedRecord("A-2020-002", 1, List.of("metadata.xml: missing"), List.of())));
  }

  private Path write(ContainerFormat format, Path dir) throws Exception {
    return new ReceiptWriter(new PackageSigner(targetKey, Fixtures.CLOCK), format,
        new ContainerWriter.Options(false, Fixtures.NOW))
        .write(report(), Map.of("report.txt", PayloadSource.ofBytes("2 damaged".getBytes(
            StandardCharsets.UTF_8))), dir);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void readsWhatWriterWrote(ContainerFormat format, @TempDir Path dir) throws Exception {
    Path written = write(format, dir);

    Verification<DamageReport> v = new ReceiptVerifier(
        Fixtures.trusting(Fixtures.TARGET, targetKey)).verifyDamageReport(written);

    assertEquals(List.of(), v.report().findings());
    assertEquals(report(), v.header().orElseThrow());
  }

  @Test
  void isNamedForItsSourceTargetAndTime() {
    assertEquals(PackageId.of("archive-lan-reading-room-damage-20261202T070000.250Z"),
        PackageId.damageReport("archive-lan", "reading-room",
            Instant.parse("2026-12-02T07:00:00.250Z")));
    String longId = "a".repeat(100);
    assertTrue(PackageId.damageReport(longId, longId, Fixtures.NOW).value()
        .startsWith("damage-"));
  }

  @Test
  void tamperedReportIsRefused(@TempDir Path dir) throws Exception {
    Path written = write(ContainerFormat.DIRECTORY, dir);
    Tamper.edit(written.resolve("sync/damage-report.xml"), "A-2020-002", "A-2020-003");

    Verification<DamageReport> v = new ReceiptVerifier(
        Fixtures.trusting(Fixtures.TARGET, targetKey)).verifyDamageReport(written);

    assertTrue(v.report().has(FindingCode.DIGEST_MISMATCH), v.report()::toString);
  }

  @Test
  void aReceiptIsNotTakenForADamageReport(@TempDir Path dir) throws Exception {
    Path receipt = new ReceiptWriter(new PackageSigner(targetKey, Fixtures.CLOCK),
        ContainerFormat.TAR, ContainerWriter.Options.DEFAULT)
        .write(ReceiptRoundTripTest.receipt(), Map.of(), dir);

    Verification<DamageReport> v = new ReceiptVerifier(
        Fixtures.trusting(Fixtures.TARGET, targetKey)).verifyDamageReport(receipt);

    assertTrue(v.header().isEmpty());
    assertTrue(v.report().has(FindingCode.HEADER_MISSING));
    assertTrue(DamageReportKind.INSTANCE.isHeldBy(write(ContainerFormat.TAR, dir)));
  }

  @Test
  void aReportNamesAtLeastOneDamagedRecordAndItsDamage() {
    assertThrows(IllegalArgumentException.class, () -> DamageReport.of(Fixtures.SOURCE,
        Fixtures.TARGET, Fixtures.NOW, "operator", 0, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new DamagedRecord("A-2020-001", 1,
        List.of(), List.of()));
  }
}
