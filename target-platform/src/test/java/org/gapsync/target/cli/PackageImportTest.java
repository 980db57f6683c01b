package org.gapsync.target.cli;

import static org.gapsync.target.cli.TargetRig.file;
import static org.gapsync.target.cli.TargetRig.id;
import static org.gapsync.target.cli.TargetRig.metadata;
import static org.gapsync.target.cli.TargetRig.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.PropertyCheck;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.format.syncpackage.RecordContent;
import org.gapsync.format.syncpackage.TemplateRef;
import org.gapsync.format.syncpackage.WrittenPackage;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.format.testing.Tamper;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code package import} from the command line, with packages made by the format library. */
class PackageImportTest {
  @TempDir
  Path dir;
  TargetRig rig;

  @BeforeEach
  void setUp() throws Exception {
    rig = new TargetRig(dir).init();
  }

  static RecordContent add(String id, String... pathsAndTexts) {
    List<org.gapsync.format.syncpackage.PayloadFile> files = new java.util.ArrayList<>();
    files.add(metadata(id));
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      files.add(file(pathsAndTexts[i], pathsAndTexts[i + 1]));
    }
    return new RecordContent(id, ChangeKind.ADD, 1, files, List.of());
  }

  static Digest sha(String text) {
    return Digest.of(DigestAlgorithm.SHA256, text.getBytes(java.nio.charset.StandardCharsets
        .UTF_8));
  }

  @Test
  void interruptedImportAppliesNothingWritesNoReceiptAndTheNextImportFinishes()
      throws Exception {
    WrittenPackage p = rig.write(spec(1), List.of(add("A-1", "scan.txt", "page one")),
        ContainerFormat.TAR);

    TargetRig.Run r = rig.interruptedImportFrom(p.path());

    assertEquals(ExitCodes.INTERRUPTED, r.code(), r.all());
    assertEquals("error: interrupted: 'package import' stopped; the packages reported above stay "
        + "applied, with their receipts; the one in progress was not applied and has no "
        + "receipt; run 'package import' again to finish", r.err().strip());
    assertEquals(Map.of(), rig.replica());
    assertFalse(rig.hasReceipt(id(1)));
    assertEquals(ExitCodes.OK, rig.importFrom(p.path()).code());
    assertEquals(java.util.Set.of("archive-lan/A-1/metadata.xml",
        "archive-lan/A-1/scan.txt"), rig.replica().keySet());
    assertTrue(rig.hasReceipt(id(1)));
    assertEquals(ExitCodes.OK, rig.run("replica", "verify").code());
  }

  @Test
  void replicaShowListsARecordsFilesAsCsvAndJson() throws Exception {
    WrittenPackage p = rig.write(spec(1), List.of(add("A-1", "scan.txt", "page one")),
        ContainerFormat.TAR);
    assertEquals(ExitCodes.OK, rig.importFrom(p.path()).code());

    TargetRig.Run csv = rig.run("replica", "show", "A-1", "--format", "csv");
    TargetRig.Run json = rig.run("replica", "show", "A-1", "--format", "json");

    assertEquals(ExitCodes.OK, csv.code(), csv.all());
    assertEquals(List.of("source,archivalId,version,deleted,path,size,sha256,packageId",
        "archive-lan,A-1,1,false,metadata.xml," + Files.size(dir.resolve(
            "target-home/replica/archive-lan/A-1/metadata.xml")) + ","
            + rig.replica().get("archive-lan/A-1/metadata.xml") + "," + id(1),
        "archive-lan,A-1,1,false,scan.txt,8," + sha("page one").hex() + "," + id(1)),
        csv.out().lines().toList());
    assertTrue(json.out().endsWith("]\n") && json.out().contains("\"size\" : 8"),
        json.out());
  }

  @Test
  void appliesAPackageAndWritesAReceiptReReadFromTheReplica() throws Exception {
    WrittenPackage p = rig.write(spec(1), List.of(add("A-1", "scan.txt", "page one"),
        add("A-2", "sub/b.txt", "bee")), ContainerFormat.ZIP);

    TargetRig.Run r = rig.importFrom(p.path());

    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.out().contains("applied: 2 records (2 add)"), r.out());
    Receipt receipt = rig.receipt(id(1));
    assertEquals(PackageOutcome.ACCEPTED, receipt.outcome());
    RecordResult a1 = receipt.records().get(0);
    assertEquals(RecordOutcome.APPLIED, a1.outcome());
    assertEquals(List.of("metadata.xml", "scan.txt"), a1.files().stream()
        .map(f -> f.path().value()).toList());
    assertEquals(sha("page one"), a1.files().get(1).digest());
    assertEquals(4, receipt.checks().size());
    assertTrue(receipt.checks().stream().allMatch(PropertyCheck::isPassed),
        receipt.checks().toString());
    assertEquals("page one", Files.readString(rig.home.resolve("replica/archive-lan/A-1/"
        + "scan.txt")));
    assertEquals(ExitCodes.OK, rig.run("replica", "verify").code());
  }

  @Test
  void aReplicaOnAnotherFileSystemThanTheHomeIsUpdatedInPlace(@TempDir Path other)
      throws Exception {
    // A replica on a data disk of its own is the normal case; /dev/shm is another file system.
    Path shm = Path.of("/dev/shm");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(shm) && !Files.getFileStore(
        shm).equals(Files.getFileStore(other)), "needs /dev/shm, writable, on a file system "
        + "of its own");
    Path replica = Files.createTempDirectory(shm, "replica-");
    try {
      TargetRig far = new TargetRig(other).init("--replica", replica.toString());
      far.importFrom(far.write(spec(1), List.of(add("A-1", "a.txt", "alpha", "b.txt",
          "bravo")), ContainerFormat.TAR).path());
      RecordContent modify = new RecordContent("A-1", ChangeKind.MODIFY, 2,
          List.of(file("a.txt", "alpha 2")), List.of(new PackagePath("b.txt")));

      TargetRig.Run r = far.importFrom(far.write(spec(2), List.of(modify),
          ContainerFormat.TAR).path());

      assertEquals(ExitCodes.OK, r.code(), r.all());
      assertEquals("alpha 2", Files.readString(replica.resolve("archive-lan/A-1/a.txt")));
      assertFalse(Files.exists(replica.resolve("archive-lan/A-1/b.txt")));
      assertEquals(ExitCodes.OK, far.run("replica", "verify").code());
    } finally {
      org.gapsync.format.files.FileTrees.delete(replica);
    }
  }

  @Test
  void receiptReportsTheReplicaAsItIsOnDiskNotAsThePackageSaid() throws Exception {
    rig.importFrom(rig.write(spec(1), List.of(add("A-1", "a.txt", "alpha", "b.txt", "bravo")),
        ContainerFormat.DIRECTORY).path());
    // Someone edits the replica behind the ledger's back; the next package touches only a.txt.
    Files.writeString(rig.home.resolve("replica/archive-lan/A-1/b.txt"), "tampered");
    RecordContent modify = new RecordContent("A-1", ChangeKind.MODIFY, 2,
        List.of(file("a.txt", "alpha 2")), List.of());

    rig.importFrom(rig.write(spec(2), List.of(modify), ContainerFormat.DIRECTORY).path());

    List<FileState> held = rig.receipt(id(2)).records().get(0).files();
    assertEquals(sha("tampered"), held.stream().filter(f -> f.path().value().equals("b.txt"))
        .findFirst().orElseThrow().digest(), "the receipt must show the divergence");
    TargetRig.Run verify = rig.run("replica", "verify");
    assertEquals(ExitCodes.INVALID, verify.code());
    assertTrue(verify.out().contains("archive-lan/A-1/b.txt: changed"), verify.out());
  }

  @Test
  void aSymbolicLinkInTheReplicaIsNeverFollowed() throws Exception {
    rig.importFrom(rig.write(spec(1), List.of(add("A-1", "a.txt", "alpha")),
        ContainerFormat.TAR).path());
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path link = Files.createSymbolicLink(rig.home.resolve("replica/archive-lan/A-2"), outside);

    TargetRig.Run r = rig.importFrom(rig.write(spec(2), List.of(add("A-2", "b.txt", "bee")),
        ContainerFormat.TAR).path());

    assertEquals(List.of(), Files.list(outside).toList(), "nothing written through the link");
    assertTrue(r.all().contains(link + "\": a symbolic link inside the replica, never "
        + "followed; remove it"), r.all());
    Files.delete(link);
    TargetRig.Run again = rig.importFrom(rig.write(spec(2), List.of(add("A-2", "b.txt", "bee")),
        ContainerFormat.TAR).path());
    assertEquals(ExitCodes.OK, again.code(), again.all());
    assertEquals("bee", Files.readString(rig.home.resolve("replica/archive-lan/A-2/b.txt")));
  }

  @Test
  void modificationChangesOnlyTheFilesItCarries() throws Exception {
    rig.importFrom(rig.write(spec(1), List.of(add("A-1", "a.txt", "alpha", "b.txt", "bravo")),
        ContainerFormat.TAR).path());
    RecordContent modify = new RecordContent("A-1", ChangeKind.MODIFY, 2,
        List.of(file("b.txt", "bravo 2"), file("c.txt", "charlie")),
        List.of(new PackagePath("a.txt")));

    TargetRig.Run r = rig.importFrom(rig.write(spec(2), List.of(modify), ContainerFormat.TAR)
        .path());

    assertEquals(ExitCodes.OK, r.code(), r.all());
    Map<String, String> replica = rig.replica();
    assertEquals(List.of("archive-lan/A-1/b.txt", "archive-lan/A-1/c.txt",
        "archive-lan/A-1/metadata.xml"), List.copyOf(replica.keySet()));
    assertEquals(sha("bravo 2").hex(), replica.get("archive-lan/A-1/b.txt"));
    assertEquals(3, rig.receipt(id(2)).records().get(0).files().size());
    TargetRig.Run show = rig.run("replica", "show", "A-1");
    assertTrue(show.out().contains("version 2"), show.out());
    assertTrue(show.out().matches("(?s).*metadata\\.xml.*from " + id(1) + ".*"), show.out());
    assertTrue(show.out().matches("(?s).*b\\.txt.*from " + id(2) + ".*"), show.out());
    assertTrue(show.out().contains("removed a.txt"), show.out());
  }

  @Test
  void outOfOrderPackageWaitsAndAppliesWhenTheGapIsFilled() throws Exception {
    WrittenPackage first = rig.write(spec(1), List.of(add("A-1", "a.txt", "one")),
        ContainerFormat.ZIP);
    WrittenPackage second = rig.write(spec(2), List.of(add("A-2", "b.txt", "two")),
        ContainerFormat.ZIP);

    TargetRig.Run early = rig.importFrom(second.path());
    assertEquals(ExitCodes.OK, early.code(), early.all());
    assertTrue(early.out().contains("waiting for sequence 1"), early.out());
    assertTrue(early.out().matches("(?s).*\n  gap notice: \\S+/receipts/archive-lan-reading-"
        + "room-gap-\\S+\\.tar\n.*"), "a signed notice names the gap: " + early.out());
    assertFalse(rig.hasReceipt(id(2)));
    assertTrue(rig.replica().isEmpty());
    assertTrue(rig.run("status").out().contains(id(2)));
    Files.delete(second.path());

    TargetRig.Run gap = rig.importFrom(first.path());

    assertEquals(ExitCodes.OK, gap.code(), gap.all());
    assertEquals(PackageOutcome.ACCEPTED, rig.receipt(id(1)).outcome());
    assertEquals(PackageOutcome.ACCEPTED, rig.receipt(id(2)).outcome());
    assertEquals(2, rig.replica().keySet().stream().filter(k -> k.endsWith(".txt")).count());
    TargetRig.Run status = rig.run("status");
    assertTrue(status.out().matches("(?s).*archive-lan\\s+2\\s+" + id(2) + ".*"), status.out());
    assertTrue(status.out().contains("no package waiting"), status.out());
  }

  @Test
  void aPackageUnderAnAppliedIdThatDiffersIsSaidToDiffer() throws Exception {
    rig.importFrom(rig.write(spec(1), List.of(add("A-1", "a.txt", "one")),
        ContainerFormat.DIRECTORY).path());
    WrittenPackage damaged = rig.write(spec(1), List.of(add("A-1", "a.txt", "one")),
        ContainerFormat.DIRECTORY);
    Tamper.edit(damaged.path().resolve("data/A-1/a.txt"), "one", "ONE");
    WrittenPackage other = rig.write(spec(1), List.of(add("A-1", "a.txt", "one"),
        add("A-9", "z.txt", "another")), ContainerFormat.DIRECTORY);

    TargetRig.Run d = rig.importFrom(damaged.path());
    TargetRig.Run o = rig.importFrom(other.path());

    assertEquals(ExitCodes.DIFFERS, d.code(), d.all());
    assertTrue(d.out().contains("differs from the package applied"), d.out());
    assertTrue(d.out().contains("it does not verify (DIGEST_MISMATCH"), d.out());
    assertEquals(ExitCodes.DIFFERS, o.code(), o.all());
    assertTrue(o.out().matches("(?s).*: 2 records of \\d+ bytes, not 1 of \\d+;.*"), o.out());
    assertEquals("one", Files.readString(rig.home.resolve("replica/archive-lan/A-1/a.txt")));
    assertFalse(rig.replica().containsKey("archive-lan/A-9/z.txt"));
  }

  @Test
  void duplicateIsNotAppliedAgainAndGetsItsOriginalReceipt() throws Exception {
    WrittenPackage p = rig.write(spec(1), List.of(add("A-1", "a.txt", "one")),
        ContainerFormat.ZIP);
    rig.importFrom(p.path());
    Path receipt = rig.receipts.resolve(id(1) + ".receipt.zip");
    byte[] original = Files.readAllBytes(receipt);
    Files.delete(receipt);

    TargetRig.Run again = rig.importFrom(p.path());

    assertEquals(ExitCodes.OK, again.code(), again.all());
    assertTrue(again.out().contains("seen before"), again.out());
    assertArrayEquals(original, Files.readAllBytes(receipt));
    assertTrue(rig.run("replica", "show", "A-1").out().contains("history:\n    "));
  }

  @Test
  void replayOfAPassedSequenceIsRefusedWithoutReceipt() throws Exception {
    rig.importFrom(rig.write(spec(1), List.of(add("A-1", "a.txt", "one")), ContainerFormat.ZIP)
        .path());
    rig.importFrom(rig.write(spec(2), List.of(add("A-2", "b.txt", "two")), ContainerFormat.ZIP)
        .path());
    Map<String, String> before = rig.replica();
    WrittenPackage forged = rig.write(spec(1, "archive-lan-reading-room-forged", Optional
        .empty()), List.of(add("A-1", "a.txt", "evil")), ContainerFormat.ZIP);

    TargetRig.Run r = rig.importFrom(forged.path());

    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    assertTrue(r.out().contains("a replay or a forged sequence"), r.out());
    assertFalse(rig.hasReceipt("archive-lan-reading-room-forged"));
    assertEquals(before, rig.replica());
  }

  @Test
  void tamperedPackageIsRejectedAndItsAuthenticSequenceStillCounts() throws Exception {
    WrittenPackage bad = rig.write(spec(1), List.of(add("A-1", "a.txt", "one")),
        ContainerFormat.DIRECTORY);
    Tamper.edit(bad.path().resolve("data/A-1/a.txt"), "one", "ONE");

    TargetRig.Run r = rig.importFrom(bad.path());

    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    Receipt receipt = rig.receipt(id(1));
    assertEquals(PackageOutcome.REJECTED, receipt.outcome());
    assertTrue(receipt.findings().stream().anyMatch(f -> f.code()
        == FindingCode.DIGEST_MISMATCH), receipt.findings().toString());
    assertFalse(receipt.checks().stream().filter(c -> c.property().name().equals(
        "AUTHENTICITY")).findFirst().orElseThrow().isPassed());
    assertTrue(rig.replica().isEmpty());
    // The source re-sends the record in its next package, which applies at once.
    TargetRig.Run next = rig.importFrom(rig.write(spec(2), List.of(add("A-1", "a.txt", "one")),
        ContainerFormat.DIRECTORY).path());
    assertEquals(ExitCodes.OK, next.code(), next.all());
    assertEquals(PackageOutcome.ACCEPTED, rig.receipt(id(2)).outcome());
  }

  @Test
  void aForgeryTakesNoPlaceAndTheGenuinePackageOfItsIdStillApplies() throws Exception {
    WrittenPackage stranger = rig.write(spec(1), List.of(add("A-1", "a.txt", "forged")),
        ContainerFormat.ZIP, Fixtures.key("impostor"));

    TargetRig.Run r = rig.importFrom(stranger.path());

    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    assertTrue(r.out().contains("refused without a receipt: not authentic, it does not show "
        + "that archive-lan made it (SIGNER_UNTRUSTED"), r.out());
    assertFalse(rig.hasReceipt(id(1)));
    TargetRig.Run status = rig.run("status");
    assertFalse(status.out().matches("(?s).*\\narchive-lan\\s+1\\s.*"), status.out());
    TargetRig.Run genuine = rig.importFrom(rig.write(spec(1), List.of(add("A-1", "a.txt",
        "one")), ContainerFormat.ZIP).path());
    assertEquals(ExitCodes.OK, genuine.code(), genuine.all());
    assertTrue(genuine.out().contains("applied"), genuine.out());
    assertEquals("one", Files.readString(rig.home.resolve("replica/archive-lan/A-1/a.txt")));
  }

  @Test
  void oneTrustedSourceCannotSpeakForAnother() throws Exception {
    SigningKey branch = Fixtures.key("branch-archive");
    Path pem = dir.resolve("branch.pem");
    org.gapsync.format.signature.Certificates.writePem(branch.certificate(), pem);
    TargetRig.check(rig.run("trust", "add", "--id", "branch-archive", "--cert",
        pem.toString()));
    PackageSpec claimsBranch = new PackageSpec(PackageId.of("branch-archive-reading-room-1"),
        "branch-archive", TargetRig.TARGET, new TemplateRef("backup", 1), 1, Optional.empty(),
        Fixtures.NOW, "archivist");

    // Signed with archive-lan's pinned key, but claiming to come from branch-archive.
    TargetRig.Run r = rig.importFrom(rig.write(claimsBranch, List.of(add("B-1", "b.txt",
        "overwritten")), ContainerFormat.TAR, rig.sourceKey).path());

    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    assertTrue(r.out().contains("SIGNER_NOT_CLAIMED sync/signature.p7s: signed by the "
        + "certificate trusted as archive-lan, but the sync package says branch-archive made "
        + "it"), r.out());
    assertEquals(Map.of(), rig.replica());
    TargetRig.Run genuine = rig.importFrom(rig.write(claimsBranch, List.of(add("B-1", "b.txt",
        "genuine")), ContainerFormat.TAR, branch).path());
    assertEquals(ExitCodes.OK, genuine.code(), genuine.all());
    assertEquals("genuine", Files.readString(rig.home.resolve(
        "replica/branch-archive/B-1/b.txt")));
  }

  @Test
  void deleteOrModifyOfARecordNeverSeenIsSettledPerRecord() throws Exception {
    RecordContent delete = new RecordContent("GHOST-1", ChangeKind.DELETE, 2, List.of(),
        List.of());
    RecordContent modify = new RecordContent("GHOST-2", ChangeKind.MODIFY, 2,
        List.of(file("x.txt", "x")), List.of());

    TargetRig.Run r = rig.importFrom(rig.write(spec(1), List.of(add("A-1", "a.txt", "one"),
        delete, modify), ContainerFormat.ZIP).path());

    assertEquals(ExitCodes.OK, r.code(), r.all());
    Receipt receipt = rig.receipt(id(1));
    Map<String, RecordResult> byId = new java.util.HashMap<>();
    receipt.records().forEach(x -> byId.put(x.archivalId(), x));
    assertEquals(RecordOutcome.APPLIED, byId.get("A-1").outcome());
    assertEquals(RecordOutcome.ALREADY_APPLIED, byId.get("GHOST-1").outcome());
    assertEquals(RecordOutcome.REJECTED, byId.get("GHOST-2").outcome());
    assertTrue(byId.get("GHOST-2").reason().orElseThrow().contains("does not hold"));
    assertFalse(rig.replica().keySet().stream().anyMatch(k -> k.contains("GHOST")));
  }

  @Test
  void deletionRemovesTheWholeRecord() throws Exception {
    rig.importFrom(rig.write(spec(1), List.of(add("A-1", "a.txt", "one", "d/b.txt", "two")),
        ContainerFormat.ZIP).path());
    RecordContent delete = new RecordContent("A-1", ChangeKind.DELETE, 2, List.of(), List.of());

    TargetRig.Run r = rig.importFrom(rig.write(spec(2), List.of(delete), ContainerFormat.ZIP)
        .path());

    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(rig.replica().isEmpty(), rig.replica().toString());
    assertTrue(rig.receipt(id(2)).records().get(0).files().isEmpty());
    assertFalse(Files.exists(rig.home.resolve("replica/archive-lan/A-1")));
    assertTrue(rig.run("replica", "show", "A-1").out().contains("DELETED"));
  }

  @Test
  void theReportNamesADeletionAndWhatItDeleted() throws Exception {
    rig.importFrom(rig.write(spec(1), List.of(add("A-1", "a.txt", "one")),
        ContainerFormat.ZIP).path());
    RecordContent delete = new RecordContent("A-1", ChangeKind.DELETE, 2, List.of(), List.of());
    Path report = dir.resolve("report.txt");

    TargetRig.Run r = rig.run("package", "import", rig.write(spec(2), List.of(delete),
        ContainerFormat.ZIP).path().toString(), "--receipt-to", rig.receipts.toString(),
        "--report", report.toString());

    assertEquals(ExitCodes.OK, r.code(), r.all());
    String text = Files.readString(report);
    assertTrue(text.startsWith("Import report\nTarget platform " + TargetRig.TARGET), text);
    assertTrue(text.contains("  record A-1 v2 \u300cRecord A-1\u300d: deleted, 0 files held\n"),
        text);
    assertTrue(text.contains("Checked by: ____________"), text);
  }

  @Test
  void packageForAnotherTargetIsRefusedWithoutReceipt() throws Exception {
    var other = new org.gapsync.format.syncpackage.PackageSpec(
        org.gapsync.format.PackageId.of("archive-lan-backup-000001"), TargetRig.SOURCE,
        "backup", new org.gapsync.format.syncpackage.TemplateRef("backup", 1), 1,
        Optional.empty(), Fixtures.NOW, "archivist");

    TargetRig.Run r = rig.importFrom(rig.write(other, List.of(add("A-1", "a.txt", "one")),
        ContainerFormat.ZIP).path());

    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    assertTrue(r.out().contains("is for backup, not for this target (reading-room)"), r.out());
    assertFalse(rig.hasReceipt("archive-lan-backup-000001"));
  }

  @Test
  void importsEveryPackageOfAMediumInOrderAndWritesAReport() throws Exception {
    Path medium = Files.createDirectories(dir.resolve("usb"));
    rig.write(spec(2), List.of(add("A-2", "b.txt", "two")), ContainerFormat.TAR).path()
        .toFile().renameTo(medium.resolve(id(2) + ".tar").toFile());
    rig.write(spec(1), List.of(add("A-1", "a.txt", "one")), ContainerFormat.TAR).path()
        .toFile().renameTo(medium.resolve(id(1) + ".tar").toFile());
    Path report = dir.resolve("report.html");

    TargetRig.Run r = rig.run("package", "import", medium.toString(), "--receipt-to",
        rig.receipts.toString(), "--report", report.toString());

    assertEquals(ExitCodes.OK, r.code(), r.all());
    String html = Files.readString(report);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("<h2>Package <span class=\"id\">" + id(1) + "</span></h2>")
        && html.contains(id(2)), html);
    assertTrue(html.contains("<p class=\"subtitle\">Target platform " + TargetRig.TARGET), html);
    assertTrue(html.contains("Dated 2026-03-01 08:00 +00:00 &middot; by "
        + System.getProperty("user.name")), html);
    assertTrue(html.contains("Receipt <span class=\"id\">" + org.gapsync.format.PackageId.of(
        id(1)).receipt().value() + "</span>"), html);
    assertTrue(html.contains("Authenticity (真实性)</td><td class=\"passed\">passed"), html);
    assertTrue(html.contains("<td class=\"id\">A-1</td><td>Record A-1</td><td class=\"n\">1"
        + "</td><td class=\"passed\">added</td>"), html);
    assertTrue(html.contains("<th>Imported by</th><th>Checked by</th>"), "a sign-off block");
    // Each receipt carries its package's report as text, and nothing of its writing is left.
    Path receipt;
    try (var s = Files.list(rig.receipts)) {
      receipt = s.filter(f -> f.getFileName().toString().startsWith(id(1))).findFirst()
          .orElseThrow();
    }
    try (var reader = org.gapsync.format.container.ContainerReader.open(receipt)) {
      String text = new String(reader.open(reader.find("data/report.txt").orElseThrow())
          .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(text.startsWith("package " + id(1)) && text.contains("  record A-1 v1 "
          + "\u300cRecord A-1\u300d: added, 2 files held\n"), text);
    }
    try (var s = Files.walk(rig.home)) {
      assertEquals(List.of(), s.filter(f -> f.toString().endsWith(".partial")).toList());
    }
  }

  @Test
  void whereItWillWriteIsCheckedBeforeAnythingIsApplied() throws Exception {
    WrittenPackage p = rig.write(spec(1), List.of(add("A-1", "a.txt", "one")),
        ContainerFormat.TAR);
    Path earlier = Files.writeString(dir.resolve("earlier.txt"), "last week's report");

    TargetRig.Run noFolder = rig.run("package", "import", p.path().toString(), "--receipt-to",
        rig.receipts.toString(), "--report", dir.resolve("no/such/report.html").toString());
    TargetRig.Run exists = rig.run("package", "import", p.path().toString(), "--receipt-to",
        rig.receipts.toString(), "--report", earlier.toString());
    TargetRig.Run receiptsIntoAFile = rig.run("package", "import", p.path().toString(),
        "--receipt-to", earlier.toString());

    assertEquals(ExitCodes.IO, noFolder.code(), noFolder.all());
    assertTrue(noFolder.err().contains("the folder of --report does not exist; create it "
        + "first; nothing was imported"), noFolder.err());
    assertEquals(ExitCodes.USAGE, exists.code(), exists.all());
    assertTrue(exists.err().contains("exists already: give a new name"), exists.err());
    assertEquals("last week's report", Files.readString(earlier));
    assertEquals(ExitCodes.IO, receiptsIntoAFile.code(), receiptsIntoAFile.all());
    assertTrue(receiptsIntoAFile.err().contains("--receipt-to is a file, not a folder"),
        receiptsIntoAFile.err());
    assertFalse(Files.exists(rig.home.resolve("replica/archive-lan/A-1")), "nothing applied");
    assertFalse(Files.exists(rig.receipts), "no receipt written");
    assertEquals(ExitCodes.OK, rig.importFrom(p.path()).code(), "the corrected run applies");
  }

  @Test
  void aReceiptGivenToImportIsNamedAndSentWhereItBelongs() throws Exception {
    WrittenPackage p = rig.write(spec(1), List.of(add("A-1", "a.txt", "one")),
        ContainerFormat.TAR);
    assertEquals(ExitCodes.OK, rig.importFrom(p.path()).code());

    TargetRig.Run r = rig.run("package", "import", rig.receipts.toString(), "--receipt-to",
        dir.resolve("more-receipts").toString());

    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    assertTrue(r.out().contains("refused: this is a receipt from reading-room for package "
        + id(1) + ", not a package; carry it back to archive-lan and ingest it there with "
        + "'receipt ingest'"), r.out());
    assertFalse(r.all().contains("trust add"), "never advises trusting its own certificate");
    assertTrue(r.err().contains("1 of 1 package rejected or refused (see above); no receipt "
        + "was written for them"), r.err());
  }

  @Test
  void mediumWithoutPackagesIsAUsageError() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    TargetRig.Run r = rig.importFrom(empty);

    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().startsWith("error: ") && r.err().contains("holds no package"), r.err());
  }

  @Test
  void commandsRefuseAHomeThatWasNeverInitialised() {
    TargetRig fresh;
    try {
      fresh = new TargetRig(dir.resolve("other"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    TargetRig.Run r = fresh.run("status");
    assertEquals(ExitCodes.IO, r.code());
    assertTrue(r.err().contains("run 'target-platform init --id ID' first"), r.err());
  }

  @Test
  void helpOfEverySubcommandNamesTheTargetsOwnVariables() {
    TargetRig.Run r = rig.run("package", "import", "--help");

    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.out().contains("$TARGET_PLATFORM_HOME"), r.out());
    assertTrue(r.out().contains("$TARGET_PLATFORM_PASSPHRASE"), r.out());
  }
}
