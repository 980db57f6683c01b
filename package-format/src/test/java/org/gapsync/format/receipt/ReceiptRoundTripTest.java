package org.gapsync.format.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.gapsync.format.validation.Finding;
import org.gapsync.format.validation.FindingCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReceiptRoundTripTest {
  private final SigningKey targetKey = Fixtures.key(Fixtures.TARGET);

  static Receipt receipt() {
    FileState page = new FileState(new PackagePath("scans/page 1.txt"), 14,
        Digest.of(DigestAlgorithm.SHA256, "the first page".getBytes(StandardCharsets.UTF_8)));
    return new Receipt(PackageId.of("receipt-archive-lan-reading-room-1"),
        PackageId.of("archive-lan-reading-room-1"), Fixtures.SOURCE, Fixtures.TARGET, 1,
        Fixtures.NOW, "operator", PackageOutcome.ACCEPTED,
        List.of(new Finding(FindingCode.DIGEST_MISMATCH, "data/x", "actual a != expected b")),
        List.of(new PropertyCheck(QualityProperty.AUTHENTICITY, true, "signature valid"),
            new PropertyCheck(QualityProperty.INTEGRITY, false, "1 file missing")),
        List.of(new RecordResult("A-2020-001", 1, RecordOutcome.APPLIED, Optional.empty(),
                List.of(page)),
            new RecordResult("A-2020-002", 3, RecordOutcome.REJECTED,
                Optional.of("modification of a record never received"), List.of()),
            new RecordResult("A-2020-003", 2, RecordOutcome.ALREADY_APPLIED, Optional.empty(),
                List.of())));
  }

  @Test
  void builderNamesTheReceiptAfterItsPackageAndKeepsEveryPart() {
    Receipt r = receipt();
    Receipt built = Receipt.answering(r.packageId(), r.sourcePlatform(), r.sequence())
        .by(r.targetPlatform(), r.imported(), r.operator()).outcome(r.outcome())
        .findings(r.findings()).checks(r.checks()).records(r.records()).build();

    assertEquals(PackageId.of("archive-lan-reading-room-1.receipt"), built.receiptId());
    assertEquals(r, r.toBuilder().build());
    assertEquals(r.records(), built.records());
  }

  @Test
  void theReceiptOfAVolumeNamesTheVolumeAndReadsBackWithIt(@TempDir Path dir)
      throws Exception {
    Receipt r = receipt();
    Receipt volume = Receipt.answering(r.packageId(), r.sourcePlatform(), r.sequence(),
        new org.gapsync.format.Volume(3, 4)).by(r.targetPlatform(), r.imported(), r.operator())
        .outcome(r.outcome()).records(r.records()).build();
    Path written = new ReceiptWriter(new PackageSigner(targetKey, Fixtures.CLOCK),
        ContainerFormat.DIRECTORY, new ContainerWriter.Options(false, Fixtures.NOW))
        .write(volume, Map.of(), dir);

    Verification<Receipt> v = new ReceiptVerifier(
        Fixtures.trusting(Fixtures.TARGET, targetKey)).verify(written);

    assertEquals(List.of(), v.report().findings());
    assertEquals(PackageId.of("archive-lan-reading-room-1.v3-of-4.receipt"), volume.receiptId());
    assertEquals(volume, v.header().orElseThrow());
    assertEquals(volume, volume.toBuilder().build());
  }

  private Path write(ContainerFormat format, Path dir) throws Exception {
    return new ReceiptWriter(new PackageSigner(targetKey, Fixtures.CLOCK), format,
        new ContainerWriter.Options(false, Fixtures.NOW))
        .write(receipt(), Map.of("report.txt", PayloadSource.ofBytes("all well".getBytes(
            StandardCharsets.UTF_8))),
            dir);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void readsWhatWriterWrote(ContainerFormat format, @TempDir Path dir) throws Exception {
    Path written = write(format, dir);

    Verification<Receipt> v = new ReceiptVerifier(
        Fixtures.trusting(Fixtures.TARGET, targetKey)).verify(written);

    assertEquals(List.of(), v.report().findings());
    assertEquals(receipt(), v.header().orElseThrow());
  }

  @Test
  void tamperedReceiptIsRefused(@TempDir Path dir) throws Exception {
    Path written = write(ContainerFormat.DIRECTORY, dir);
    Tamper.edit(written.resolve("sync/receipt.xml"), "outcome=\"rejected\"",
        "outcome=\"applied\"");

    Verification<Receipt> v = new ReceiptVerifier(
        Fixtures.trusting(Fixtures.TARGET, targetKey)).verify(written);

    assertTrue(v.report().has(FindingCode.DIGEST_MISMATCH), v.report()::toString);
  }

  @Test
  void receiptFromAnUntrustedTargetIsRefused(@TempDir Path dir) throws Exception {
    Path written = write(ContainerFormat.ZIP, dir);

    Verification<Receipt> v = new ReceiptVerifier(
        Fixtures.trusting(Fixtures.TARGET, Fixtures.key(Fixtures.TARGET))).verify(written);

    assertEquals(List.of(FindingCode.SIGNER_UNTRUSTED), List.copyOf(v.report().codes()));
  }

  @Test
  void packageIsNotTakenForAReceipt(@TempDir Path dir) throws Exception {
    SigningKey sourceKey = Fixtures.key(Fixtures.SOURCE);
    Path pkg = Fixtures.writePackage(sourceKey, ContainerFormat.DIRECTORY, dir).path();

    Verification<Receipt> v = new ReceiptVerifier(
        Fixtures.trusting(Fixtures.SOURCE, sourceKey)).verify(pkg);

    assertTrue(v.report().has(FindingCode.HEADER_MISSING));
    assertTrue(v.header().isEmpty());
  }

  @org.junit.jupiter.api.Test
  void aReceiptSignedByAnotherTrustedTargetIsRefused(@TempDir Path dir) throws Exception {
    SigningKey backup = Fixtures.key("backup-site");
    Path written = new ReceiptWriter(new PackageSigner(backup, Fixtures.CLOCK),
        ContainerFormat.TAR, ContainerWriter.Options.DEFAULT).write(receipt(), Map.of(), dir);
    var trust = Fixtures.trusting(Fixtures.TARGET, targetKey).with("backup-site",
        backup.certificate());

    Verification<Receipt> v = new ReceiptVerifier(trust).verify(written);

    assertEquals(List.of(FindingCode.SIGNER_NOT_CLAIMED), v.report().findings().stream()
        .map(Finding::code).toList());
    assertTrue(v.report().findings().get(0).message().contains("trusted as backup-site, but "
        + "the sync receipt says reading-room made it"), v.report().findings().toString());
  }
}
