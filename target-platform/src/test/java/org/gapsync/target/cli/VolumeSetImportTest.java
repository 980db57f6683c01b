package org.gapsync.target.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.Volume;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.format.syncpackage.RecordContent;
import org.gapsync.format.syncpackage.WrittenPackage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volumes of a package written as a set, imported in any order: each applies its records
 * as it arrives and is answered by a receipt of its own; the source's next package waits until
 * the whole set has come.
 */
class VolumeSetImportTest {
  @TempDir
  Path dir;
  TargetRig rig;

  @BeforeEach
  void setUp() throws Exception {
    rig = new TargetRig(dir).init();
  }

  /** Writes volume {@code k} of 3 of package 1, carrying records V{k}-a and V{k}-b. */
  private WrittenPackage volume(int k, PackageSpec spec) throws Exception {
    List<RecordContent> records = List.of(PackageImportTest.add("V" + k + "-a", "page.txt",
        "volume " + k + " a"), PackageImportTest.add("V" + k + "-b", "page.txt", "volume " + k
        + " b"));
    return rig.write(spec.withVolume(new Volume(k, 3)), records, ContainerFormat.TAR);
  }

  @Test
  void volumesApplyInAnyOrderAndTheNextPackageWaitsForTheWholeSet() throws Exception {
    PackageSpec set = TargetRig.spec(1);
    String id = TargetRig.id(1);
    WrittenPackage v1 = volume(1, set);
    WrittenPackage v2 = volume(2, set);
    WrittenPackage v3 = volume(3, set);
    WrittenPackage next = rig.write(TargetRig.spec(2), List.of(PackageImportTest.add("N-1",
        "page.txt", "after the set")), ContainerFormat.TAR);

    TargetRig.Run third = rig.importFrom(v3.path().getParent());
    assertEquals(0, third.code(), third.all());
    assertTrue(third.out().contains("applied: 2 records"), third.out());
    Receipt r3 = rig.receipt(id + ".v3-of-3");
    assertEquals(Optional.of(new Volume(3, 3)), r3.volume());
    assertEquals(PackageId.of(id), r3.packageId());
    assertEquals(List.of("V3-a", "V3-b"), r3.records().stream().map(RecordResult::archivalId)
        .toList());
    assertTrue(rig.run("status").out().contains("package " + id + " (sequence 1): volume 3 of "
        + "3 applied; waiting for 1 and 2"), rig.run("status").out());

    TargetRig.Run early = rig.importFrom(next.path().getParent());
    assertTrue(early.out().contains("waiting for sequence 1"), early.out());

    TargetRig.Run first = rig.importFrom(v1.path().getParent());
    assertEquals(0, first.code(), first.all());
    assertTrue(rig.run("status").out().contains("volumes 1 and 3 of 3 applied; waiting for 2"),
        rig.run("status").out());
    TargetRig.Run again = rig.importFrom(v3.path().getParent());
    assertTrue(again.out().contains("seen before"), again.out());

    TargetRig.Run second = rig.importFrom(v2.path().getParent());
    assertEquals(0, second.code(), second.all());
    assertTrue(second.out().contains("sequence 2 follows 1 without a gap"), second.out());
    String status = rig.run("status").out();
    assertTrue(!status.contains("sets of volumes in progress") && status.contains(
        TargetRig.id(2)), status);
    assertTrue(rig.replica().keySet().containsAll(List.of(TargetRig.SOURCE
        + "/V1-a/page.txt", TargetRig.SOURCE + "/V2-b/page.txt", TargetRig.SOURCE
        + "/N-1/page.txt")), rig.replica().keySet().toString());
    TargetRig.Run verify = rig.run("ledger", "verify");
    assertEquals(0, verify.code(), verify.all());
  }

  @Test
  void aVolumeDeclaredLostSettlesTheSetWithAReceiptThatSaysSo() throws Exception {
    PackageSpec set = TargetRig.spec(1);
    String id = TargetRig.id(1);
    WrittenPackage v1 = volume(1, set);
    WrittenPackage v2 = volume(2, set);
    WrittenPackage v3 = volume(3, set);
    WrittenPackage next = rig.write(TargetRig.spec(2), List.of(PackageImportTest.add("N-1",
        "page.txt", "after the set")), ContainerFormat.TAR);
    TargetRig.check(rig.importFrom(v1.path().getParent()));
    TargetRig.check(rig.importFrom(v3.path().getParent()));
    TargetRig.check(rig.importFrom(next.path().getParent()));

    TargetRig.Run applied = rig.run("package", "lost", id, "--volume", "1", "--reason", "x",
        "--receipt-to", rig.receipts.toString());
    TargetRig.Run unknown = rig.run("package", "lost", TargetRig.id(9), "--volume", "1",
        "--reason", "x", "--receipt-to", rig.receipts.toString());
    TargetRig.Run lost = rig.run("package", "lost", id, "--volume", "2", "--reason",
        "disc cracked in transit", "--receipt-to", rig.receipts.toString());

    assertEquals(2, applied.code(), applied.all());
    assertTrue(applied.err().contains("volume 1 of 3 of package " + id + " is not lost: it is "
        + "applied here since"), applied.err());
    assertEquals(2, unknown.code(), unknown.all());
    assertTrue(unknown.err().contains("no volume of package " + TargetRig.id(9) + " has come "
        + "here"), unknown.err());
    assertEquals(0, lost.code(), lost.all());
    assertTrue(lost.out().contains("volume 2 of 3 declared lost by "), lost.out());
    assertTrue(lost.out().contains(TargetRig.id(2) + ": applied: 1 record"), lost.out());
    Receipt r2 = rig.receipt(id + ".v2-of-3");
    assertEquals(org.gapsync.format.receipt.PackageOutcome.LOST, r2.outcome());
    assertEquals(List.of(), r2.records());
    assertTrue(r2.checks().get(0).detail().endsWith("disc cracked in transit"),
        r2.checks().toString());
    assertTrue(!rig.run("status").out().contains("sets of volumes in progress"));

    TargetRig.Run late = rig.importFrom(v2.path().getParent());
    assertEquals(0, late.code(), late.all());
    assertTrue(late.out().contains("came after all, but it was declared lost here"),
        late.out());
    assertTrue(!rig.replica().containsKey(TargetRig.SOURCE + "/V2-a/page.txt"));
    Path premis = dir.resolve("premis.xml");
    TargetRig.check(rig.run("ledger", "export-premis", "--out", premis.toString()));
    assertTrue(java.nio.file.Files.readString(premis).contains("declared lost " + id
        + ".v2-of-3 of " + TargetRig.SOURCE + " (sequence 1)"));
    TargetRig.Run verify = rig.run("ledger", "verify");
    assertEquals(0, verify.code(), verify.all());
  }

  @Test
  void aDiscImageIsCheckedAndItsVolumeImported() throws Exception {
    WrittenPackage v2 = volume(2, TargetRig.spec(1));
    org.gapsync.platform.media.Xorriso xorriso = org.gapsync.platform.media.Xorriso.find("t");
    Path image = dir.resolve("discs").resolve(v2.path().getFileName() + ".iso");
    java.nio.file.Files.createDirectories(image.getParent());
    xorriso.makeImage(v2.path().getParent(), image, "ARCHIVE_LAN_V2", dir.resolve("logs"));
    Path damaged = dir.resolve("damaged").resolve("copy.iso");
    java.nio.file.Files.createDirectories(damaged.getParent());
    java.nio.file.Files.copy(image, damaged);
    // A byte of the volume's own data changed, after xorriso recorded its checksums.
    byte[] bytes = java.nio.file.Files.readAllBytes(damaged);
    int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(
        "volume 2 a");
    assertTrue(at > 0);
    bytes[at] ^= 1;
    java.nio.file.Files.write(damaged, bytes);

    TargetRig.Run refused = rig.importFrom(damaged);
    TargetRig.Run imported = rig.importFrom(image.getParent());

    assertEquals(3, refused.code(), refused.all());
    assertTrue(refused.all().contains("does not match the MD5 checksums recorded when it was "
        + "written"), refused.all());
    assertEquals(0, imported.code(), imported.all());
    assertTrue(imported.out().contains(TargetRig.id(1) + ": applied: 2 records"),
        imported.out());
    assertTrue(rig.hasReceipt(TargetRig.id(1) + ".v2-of-3"));
    assertTrue(rig.replica().containsKey(TargetRig.SOURCE + "/V2-a/page.txt"));
  }

  @Test
  void aVolumeOfAnotherBuildOfTheSamePackageIsRefused() throws Exception {
    WrittenPackage v1 = volume(1, TargetRig.spec(1));
    PackageSpec rebuilt = TargetRig.spec(1);
    rebuilt = new PackageSpec(rebuilt.packageId(), rebuilt.sourcePlatform(),
        rebuilt.destination(), rebuilt.template(), rebuilt.sequence(),
        rebuilt.previousPackageId(), rebuilt.created().plusSeconds(60), rebuilt.operator());
    WrittenPackage other = volume(2, rebuilt);
    TargetRig.check(rig.importFrom(v1.path().getParent()));

    TargetRig.Run r = rig.importFrom(other.path().getParent());

    assertTrue(r.all().contains("volume 2 of 3 of package " + TargetRig.id(1) + " belongs to "
        + "another build of it: it was built at 2026-03-01T08:01:00Z, but volume 1 of 3 seen "
        + "here was built at 2026-03-01T08:00:00Z"), r.all());
    assertTrue(rig.run("status").out().contains("volume 1 of 3 applied; waiting for 2 and 3"),
        rig.run("status").out());
  }
}
