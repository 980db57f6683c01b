package org.gapsync.target.cli;

import static org.gapsync.target.cli.PackageImportTest.add;
import static org.gapsync.target.cli.TargetRig.id;
import static org.gapsync.target.cli.TargetRig.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptVerifier;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.format.syncpackage.SyncPackageWriter;
import org.gapsync.format.syncpackage.WrittenPackage;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code package import} of packages encrypted to a target's certificate. */
class EncryptedImportTest {
  @TempDir
  Path dir;
  TargetRig rig;
  X509Certificate targetCert;

  @BeforeEach
  void setUp() throws Exception {
    rig = new TargetRig(dir).init();
    targetCert = Certificates.readPem(rig.home.resolve("certificate.pem"));
  }

  private WrittenPackage writeSealed(PackageSpec spec, X509Certificate to) throws IOException {
    Path folder = Files.createDirectories(rig.media.resolve("seq-" + spec.sequence()));
    return new SyncPackageWriter(new PackageSigner(rig.sourceKey, Fixtures.CLOCK),
        ContainerFormat.TAR, new ContainerWriter.Options(false, Fixtures.NOW), 2,
        EnvelopeWriter.to(to)).write(spec, List.of(add("A-1", "minutes.txt",
            "Minutes of the standing committee")), folder);
  }

  @Test
  void appliesAnEncryptedPackageAndAnswersWithAReceiptOnlyTheSourceCanOpen()
      throws Exception {
    WrittenPackage p = writeSealed(spec(1), targetCert);
    assertTrue(p.path().getFileName().toString().endsWith(".tar.p7m"), p.path().toString());

    TargetRig.Run r = rig.importFrom(p.path().getParent());

    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.out().contains(id(1) + ": applied: 1 record "), r.out());
    assertEquals("Minutes of the standing committee", Files.readString(rig.home.resolve(
        "replica/archive-lan/A-1/minutes.txt")));
    Path sealedReceipt = rig.receipts.resolve(id(1) + ".receipt.tar.p7m");
    assertTrue(Files.exists(sealedReceipt), r.out());
    Path plain = dir.resolve("receipt.tar");
    EnvelopeReader.decrypt(sealedReceipt, rig.sourceKey, plain);
    Verification<Receipt> v = new ReceiptVerifier(TrustStore.empty().with(TargetRig.TARGET,
        targetCert)).verify(plain);
    assertTrue(v.isValid(), v.report().findings().toString());
    assertEquals(PackageOutcome.ACCEPTED, v.header().orElseThrow().outcome());
    assertFalse(Files.exists(rig.home.resolve("scratch/" + id(1) + ".tar")),
        "the decrypted copy is removed");
  }

  @Test
  void nothingOnTheMediumShowsAnIdATitleAFileNameOrContent() throws Exception {
    WrittenPackage p = writeSealed(spec(1), targetCert);
    rig.importFrom(p.path().getParent());

    for (Path file : List.of(p.path(), rig.receipts.resolve(id(1) + ".receipt.tar.p7m"))) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String plaintext : List.of("A-1", "Record A-1", "minutes.txt", "standing committee",
          "metadata.xml", "bagit.txt")) {
        assertFalse(bytes.contains(plaintext), file.getFileName() + " shows " + plaintext);
      }
    }
  }

  @Test
  void refusesAPackageEncryptedForAnotherTargetNamingItsCertificate() throws Exception {
    X509Certificate other = Fixtures.key("backup-site").certificate();
    WrittenPackage p = writeSealed(spec(1), other);

    TargetRig.Run r = rig.importFrom(p.path());

    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    assertTrue(r.out().contains("refused without a receipt: encrypted for \"CN=backup-site,"
        + "O=gapsync platform\" (certificate serial " + other.getSerialNumber().toString(16)
        + "), not for this platform's certificate \"CN=" + TargetRig.TARGET), r.out());
    assertTrue(rig.replica().isEmpty());
    assertFalse(rig.hasReceipt(id(1)));
    assertTrue(isEmpty(rig.home.resolve("scratch")), "nothing decrypted is left behind");
  }

  @Test
  void refusesADamagedEnvelopeWithoutApplyingAnything() throws Exception {
    WrittenPackage p = writeSealed(spec(1), targetCert);
    byte[] bytes = Files.readAllBytes(p.path());
    Files.write(p.path(), java.util.Arrays.copyOf(bytes, bytes.length - 64));

    TargetRig.Run r = rig.importFrom(p.path());

    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    assertTrue(r.out().contains("refused without a receipt: it does not decrypt: the envelope "
        + "is damaged or truncated"), r.out());
    assertTrue(rig.replica().isEmpty());
    assertTrue(isEmpty(rig.home.resolve("scratch")), "nothing decrypted is left behind");
  }

  private static boolean isEmpty(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return true;
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.findAny().isEmpty();
    }
  }
}
