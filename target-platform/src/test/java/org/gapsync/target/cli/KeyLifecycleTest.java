package org.gapsync.target.cli;

import static org.gapsync.target.cli.PackageImportTest.add;
import static org.gapsync.target.cli.TargetRig.id;
import static org.gapsync.target.cli.TargetRig.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptVerifier;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.KeySuccession;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.format.syncpackage.SyncPackageWriter;
import org.gapsync.format.syncpackage.WrittenPackage;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation and revocation seen from a target: a source's new key is trusted through the
 * announcement its old key signed, a revoked certificate signs nothing acceptable, and the
 * target's own rotation keeps what was encrypted to its old key readable.
 */
class KeyLifecycleTest {
  @TempDir
  Path dir;
  TargetRig rig;
  SigningKey rotated;

  @BeforeEach
  void setUp() throws Exception {
    rig = new TargetRig(dir).init();
    SigningKey next = Fixtures.key(TargetRig.SOURCE);
    rotated = next.withSuccession(KeySuccession.NONE.then(KeySuccession.announce(
        rig.sourceKey, next.certificate(), Fixtures.CLOCK)));
  }

  private WrittenPackage write(long seq, SigningKey key) throws Exception {
    return write(spec(seq), key);
  }

  private WrittenPackage write(PackageSpec spec, SigningKey key) throws Exception {
    long seq = spec.sequence();
    return rig.write(spec, List.of(add("A-" + seq, "note.txt", "text " + seq)),
        ContainerFormat.TAR, key);
  }

  private Path pem(String name, X509Certificate certificate) throws Exception {
    Path file = dir.resolve(name + ".pem");
    Certificates.writePem(certificate, file);
    return file;
  }

  private TrustStore trust() throws Exception {
    return TrustStore.readFolder(rig.home.resolve("trust"));
  }

  @Test
  void aSourcesNewKeyIsTrustedThroughItsOldKeysAnnouncement() throws Exception {
    TargetRig.check(rig.importFrom(write(1, rig.sourceKey).path().getParent()));

    TargetRig.Run second = rig.importFrom(write(2, rotated).path().getParent());

    assertEquals(ExitCodes.OK, second.code(), second.all());
    assertTrue(second.out().contains(id(2) + ": applied"), second.out());
    assertTrue(second.out().contains("rotated its key: trusting its new certificate"),
        second.out());
    assertEquals(rotated.certificate(), trust().current(TargetRig.SOURCE).orElseThrow());
    assertEquals(List.of(rotated.certificate(), rig.sourceKey.certificate()),
        trust().certificates(TargetRig.SOURCE), "the old certificate stays trusted");
    SigningKey withoutAnnouncement = rotated.withSuccession(KeySuccession.NONE);
    TargetRig.Run third = rig.importFrom(write(3, withoutAnnouncement).path().getParent());
    assertEquals(ExitCodes.OK, third.code(), third.all());
    TargetRig.Run list = rig.run("trust", "list");
    assertTrue(list.out().matches("(?s).*archive-lan +current .*archive-lan +earlier .*"),
        list.out());
  }

  @Test
  void aKeyNotAnnouncedByATrustedOneIsRefused() throws Exception {
    SigningKey stranger = Fixtures.key(TargetRig.SOURCE);
    SigningKey impostor = rotated.withSuccession(KeySuccession.NONE.then(
        KeySuccession.announce(stranger, rotated.certificate(), Fixtures.CLOCK)));

    TargetRig.Run r = rig.importFrom(write(1, impostor).path().getParent());

    assertEquals(ExitCodes.INVALID, r.code(), r.all());
    assertTrue(r.out().contains("SIGNER_UNTRUSTED"), r.out());
    assertTrue(trust().idOf(rotated.certificate()).isEmpty());
  }

  @Test
  void aRevokedCertificateSignsNothingAndAnnouncesNothing() throws Exception {
    Path old = pem("old", rig.sourceKey.certificate());
    TargetRig.Run revoke = rig.run("trust", "revoke", "--id", TargetRig.SOURCE, "--cert",
        old.toString());
    assertEquals(ExitCodes.OK, revoke.code(), revoke.all());
    assertTrue(revoke.out().contains("no certificate of archive-lan is trusted now"),
        revoke.out());

    TargetRig.Run signed = rig.importFrom(write(1, rig.sourceKey).path().getParent());
    assertEquals(ExitCodes.INVALID, signed.code(), signed.all());
    assertTrue(signed.out().contains("SIGNER_REVOKED") && signed.out().contains("revoked as "
        + "the certificate of archive-lan"), signed.out());

    TargetRig.Run announced = rig.importFrom(write(spec(1, id(1) + "-again",
        java.util.Optional.empty()), rotated).path().getParent());
    assertEquals(ExitCodes.INVALID, announced.code(), announced.all());
    assertTrue(announced.out().contains("SIGNER_UNTRUSTED"), announced.out());

    TargetRig.Run again = rig.run("trust", "add", "--id", TargetRig.SOURCE, "--cert",
        old.toString());
    assertEquals(ExitCodes.USAGE, again.code(), again.all());
    assertTrue(again.err().contains("was revoked for archive-lan; it cannot be trusted again"),
        again.err());
    assertTrue(rig.run("trust", "list").out().contains("revoked"));
  }

  @Test
  void aRotatedTargetStillOpensWhatWasEncryptedToItsOldKeyAndAnnouncesItsNewOne()
      throws Exception {
    X509Certificate before = Certificates.readPem(rig.home.resolve("certificate.pem"));
    TargetRig.Run rotate = rig.run("cert", "rotate");
    assertEquals(ExitCodes.OK, rotate.code(), rotate.all());
    X509Certificate after = Certificates.readPem(rig.home.resolve("certificate.pem"));
    assertTrue(!after.equals(before) && rotate.out().contains(Certificates.describe(after)),
        rotate.out());

    Path folder = Files.createDirectories(rig.media.resolve("sealed"));
    new SyncPackageWriter(new PackageSigner(rig.sourceKey, Fixtures.CLOCK), ContainerFormat.TAR,
        new ContainerWriter.Options(false, Fixtures.NOW), 2, EnvelopeWriter.to(before))
        .write(spec(1), List.of(add("A-1", "note.txt", "sealed to the old key")), folder);
    TargetRig.Run r = rig.importFrom(folder);

    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertEquals("sealed to the old key", Files.readString(rig.home.resolve(
        "replica/archive-lan/A-1/note.txt")));
    Path plainReceipt = dir.resolve("receipt.tar");
    org.gapsync.format.signature.EnvelopeReader.decrypt(rig.receipts.resolve(id(1)
        + ".receipt.tar.p7m"), rig.sourceKey, plainReceipt);
    Verification<Receipt> v = new ReceiptVerifier(TrustStore.empty().with(TargetRig.TARGET,
        before)).verify(plainReceipt);
    assertTrue(v.isValid(), v.report().findings().toString());
    assertEquals(after, v.signature().orElseThrow().signer().orElseThrow(),
        "the receipt is signed by the new key");
    assertEquals(before, v.signature().orElseThrow().introducedBy().orElseThrow()
        .predecessor());
  }
}
