package org.gapsync.format.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gapsync.format.PackageId;
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

class GapNoticeRoundTripTest {
  private final SigningKey targetKey = Fixtures.key(Fixtures.TARGET);

  static GapNotice notice() {
    return GapNotice.of(Fixtures.SOURCE, Fixtures.TARGET, Fixtures.NOW, "operator", 1,
        List.of(2L, 4L), List.of(new GapNotice.Held(3, PackageId.of(Fixtures.SOURCE + "-"
            + Fixtures.TARGET + "-000003")), new GapNotice.Held(5, PackageId.of(
                Fixtures.SOURCE + "-" + Fixtures.TARGET + "-000005"))));
  }

  private Path write(ContainerFormat format, Path dir) throws Exception {
    return new ReceiptWriter(new PackageSigner(targetKey, Fixtures.CLOCK), format,
        new ContainerWriter.Options(false, Fixtures.NOW)).write(notice(), Map.of(), dir);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void readsWhatWriterWrote(ContainerFormat format, @TempDir Path dir) throws Exception {
    Path written = write(format, dir);

    Verification<GapNotice> v = new ReceiptVerifier(
        Fixtures.trusting(Fixtures.TARGET, targetKey)).verifyGapNotice(written);

    assertEquals(List.of(), v.report().findings());
    assertEquals(notice(), v.header().orElseThrow());
    assertTrue(GapNoticeKind.INSTANCE.isHeldBy(written));
    assertTrue(!DamageReportKind.INSTANCE.isHeldBy(written) && !ReceiptKind.INSTANCE
        .isHeldBy(written), "a notice is neither a receipt nor a damage report");
  }

  @Test
  void isNamedForItsSourceTargetAndTime() {
    assertEquals(PackageId.of("archive-lan-backup-gap-20261202T070000.250Z"),
        PackageId.gapNotice("archive-lan", "backup", Instant.parse("2026-12-02T07:00:00.250Z")));
    String longId = "a".repeat(100);
    assertTrue(PackageId.gapNotice(longId, longId, Fixtures.NOW).value().startsWith("gap-"));
  }

  @Test
  void tamperedNoticeIsRefused(@TempDir Path dir) throws Exception {
    Path written = write(ContainerFormat.DIRECTORY, dir);
    Tamper.edit(written.resolve("sync/gap-notice.xml"), "<missing>4</missing>", "");

    Verification<GapNotice> v = new ReceiptVerifier(
        Fixtures.trusting(Fixtures.TARGET, targetKey)).verifyGapNotice(written);

    assertTrue(v.report().has(FindingCode.DIGEST_MISMATCH), v.report()::toString);
  }

  @Test
  void aNoticeNamesMissingSequencesAfterTheLastAppliedAndHeldOnesAfterTheFirstMissing() {
    List<GapNotice.Held> held = List.of(new GapNotice.Held(3, PackageId.of("x-000003")));
    assertThrows(IllegalArgumentException.class, () -> GapNotice.of(Fixtures.SOURCE,
        Fixtures.TARGET, Fixtures.NOW, "operator", 1, List.of(), held));
    assertThrows(IllegalArgumentException.class, () -> GapNotice.of(Fixtures.SOURCE,
        Fixtures.TARGET, Fixtures.NOW, "operator", 2, List.of(2L), held));
    assertThrows(IllegalArgumentException.class, () -> GapNotice.of(Fixtures.SOURCE,
        Fixtures.TARGET, Fixtures.NOW, "operator", 1, List.of(3L), held));
    assertThrows(IllegalArgumentException.class, () -> GapNotice.of(Fixtures.SOURCE,
        Fixtures.TARGET, Fixtures.NOW, "operator", 1, List.of(2L), List.of()));
  }
}
