package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.KeySuccession;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.SyncPackageVerifier;
import org.gapsync.format.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation and revocation seen from the source: its packages after {@code cert rotate}
 * carry the announcement a target needs, a destination's rotated key is adopted from its
 * receipt, and a revoked destination certificate is neither trusted nor encrypted to.
 */
class SourceKeyLifecycleTest {
  private final SigningKey targetKey = Fixtures.key("offsite");
  @TempDir
  Path dir;
  private Path media;
  private Path targetPem;

  private SourceCli.Run run(String... args) {
    return SourceCli.run(dir, args);
  }

  @BeforeEach
  void setUp() throws Exception {
    targetPem = SourceCli.homeWithDestination(dir, "offsite", "offsite-backup.xml", targetKey);
    media = Files.createDirectory(dir.resolve("media"));
  }


  private X509Certificate certificate() throws Exception {
    return Certificates.readPem(dir.resolve("home/certificate.pem"));
  }

  private PackageHeader open(Path sealed, TrustStore trust, boolean expectIntroduced)
      throws Exception {
    Path plain = dir.resolve("opened-" + System.nanoTime() + ".tar");
    EnvelopeReader.decrypt(sealed, targetKey, plain);
    Verification<PackageHeader> v = new SyncPackageVerifier(trust, 2).verify(plain);
    assertTrue(v.isValid(), v.report()::toString);
    assertEquals(expectIntroduced, v.signature().orElseThrow().introducedBy().isPresent());
    return v.header().orElseThrow();
  }

  private Path build() {
    SourceCli.Run r = run("package", "build", "--destination", "offsite", "--to",
        media.toString());
    assertEquals(0, r.code(), r.err());
    return Path.of(r.out().substring(6, r.out().indexOf(" (sequence")));
  }

  @Test
  void packagesAfterRotationsAreSignedByTheNewKeyAndCarryEveryAnnouncement() throws Exception {
    X509Certificate first = certificate();

    SourceCli.Run rotate = run("cert", "rotate");
    X509Certificate second = certificate();
    SourceCli.Run again = run("cert", "rotate");

    assertEquals(0, rotate.code(), rotate.err());
    assertEquals(0, again.code(), again.err());
    assertTrue(rotate.out().contains("new signing key: " + Certificates.describe(second)),
        rotate.out());
    assertTrue(!second.equals(first) && !certificate().equals(second), "new certificates");
    Path sealed = build();
    PackageHeader h = open(sealed, TrustStore.empty().with("archive-lan", first), true);
    assertEquals(10, h.records().size());
    open(sealed, TrustStore.empty().with("archive-lan", second), true);
  }

  @Test
  void aDestinationsRotatedKeyIsAdoptedFromItsReceipt() throws Exception {
    PackageHeader h = open(build(), TrustStore.empty().with("archive-lan", certificate()),
        false);
    SigningKey next = Fixtures.key("offsite");
    SigningKey rotated = next.withSuccession(KeySuccession.NONE.then(KeySuccession.announce(
        targetKey, next.certificate(), Fixtures.CLOCK)));

    SourceCli.Run ingest = run("receipt", "ingest", receipt(h, rotated).toString());

    assertEquals(0, ingest.code(), ingest.err());
    assertTrue(ingest.out().contains("the destination rotated its key: trusting its new "
        + "certificate " + Certificates.describe(next.certificate())), ingest.out());
    assertTrue(ingest.out().contains("10 confirmed"), ingest.out());
    TrustStore trust = TrustStore.readFolder(dir.resolve("home/trust"));
    assertEquals(next.certificate(), trust.current("offsite").orElseThrow());
  }

  @Test
  void aRevokedDestinationCertificateIsNeitherTrustedNorEncryptedTo() throws Exception {
    PackageHeader h = open(build(), TrustStore.empty().with("archive-lan", certificate()),
        false);
    SourceCli.Run revoke = run("trust", "revoke", "--id", "offsite", "--cert",
        targetPem.toString());
    assertEquals(0, revoke.code(), revoke.err());

    SourceCli.Run ingest = run("receipt", "ingest", receipt(h, targetKey).toString());
    assertEquals(3, ingest.code(), ingest.out() + ingest.err());
    assertTrue(ingest.err().contains("SIGNER_REVOKED"), ingest.err());

    run("holdings", "scan", dir.resolve("holdings").toString());
    SourceCli.Run build = run("package", "build", "--destination", "offsite", "--to",
        media.toString(), "--records", h.records().get(0).archivalId());
    assertEquals(2, build.code(), build.out() + build.err());
    assertTrue(build.err().contains("destination offsite has no trusted certificate to "
        + "encrypt to"), build.err());
    SourceCli.Run own = run("trust", "revoke", "--id", "archive-lan", "--cert",
        dir.resolve("home/certificate.pem").toString());
    assertEquals(2, own.code(), own.err());
  }

  private Path receipt(PackageHeader header, SigningKey key) throws Exception {
    return SourceCli.receipt(dir, header, key);
  }
}
