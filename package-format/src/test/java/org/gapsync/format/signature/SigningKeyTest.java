package org.gapsync.format.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.format.validation.FindingCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
  private static final char[] PASSPHRASE = "correct horse".toCharArray();
  private final SigningKey key = Fixtures.key("archive-lan");

  @Test
  void loadsWhatWasStored(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("signing.p12");
    key.store(file, PASSPHRASE);

    SigningKey loaded = SigningKey.load(file, PASSPHRASE);

    assertEquals(key.certificate(), loaded.certificate());
    byte[] content = "tag manifest".getBytes(StandardCharsets.UTF_8);
    byte[] signature = new PackageSigner(loaded, Fixtures.CLOCK).sign(content);
    SignatureCheck check = new SignatureVerifier(Fixtures.trusting("archive-lan", key))
        .verify("sig", content, signature);
    assertTrue(check.isValid(), check.findings()::toString);
    assertEquals(Optional.of(Fixtures.NOW), check.signedAt());
  }

  @Test
  void theCertificateNamesThePlatformAndItsOrganisationAndIdentifiesItsKey() throws Exception {
    SigningKey k = SigningKey.generate("archive-lan", "City Archives, Records Office",
        SignatureProfile.ECDSA_P256_SHA256, Fixtures.CLOCK, java.time.Duration.ofDays(1));

    var subject = new javax.naming.ldap.LdapName(k.certificate().getSubjectX500Principal()
        .getName()).getRdns();
    assertEquals("[O=City Archives\\, Records Office, CN=archive-lan]", subject.toString());
    assertEquals(Optional.of("archive-lan"), Certificates.platformId(k.certificate()));
    byte[] ski = k.certificate().getExtensionValue("2.5.29.14");
    assertTrue(ski != null && ski.length > 20, "a subject key identifier");
    assertTrue(k.certificate().getExtensionValue("2.5.29.35") != null, "an authority key id");
  }

  @Test
  void refusesWrongPassphraseByName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("signing.p12");
    key.store(file, PASSPHRASE);

    PackageFormatException e = assertThrows(PackageFormatException.class,
        () -> SigningKey.load(file, "wrong".toCharArray()));

    assertTrue(e.getMessage().endsWith("wrong passphrase"), e.getMessage());
  }

  @Test
  void certificateSurvivesPem(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("archive-lan.pem");
    Certificates.writePem(key.certificate(), pem);

    assertTrue(Files.readString(pem).startsWith("-----BEGIN CERTIFICATE-----"));
    assertEquals(key.certificate(), Certificates.readPem(pem));
    assertEquals(Optional.of("archive-lan"), TrustStore.readFolder(dir).idOf(key.certificate()));
  }

  @Test
  void refusesSomethingThatIsNotACertificate(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("junk.pem");
    Files.writeString(pem, "hello");

    assertThrows(PackageFormatException.class, () -> Certificates.readPem(pem));
  }

  @Test
  void contentChangedAfterSigningIsInvalid() throws Exception {
    byte[] content = "tag manifest".getBytes(StandardCharsets.UTF_8);
    byte[] signature = new PackageSigner(key, Fixtures.CLOCK).sign(content);
    byte[] altered = content.clone();
    altered[0] ^= 1;

    SignatureCheck check = new SignatureVerifier(Fixtures.trusting("archive-lan", key))
        .verify("sig", altered, signature);

    assertEquals(FindingCode.SIGNATURE_INVALID, check.findings().get(0).code());
    assertArrayEquals(key.certificate().getEncoded(), check.signer().orElseThrow().getEncoded());
  }
}
