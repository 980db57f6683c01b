package org.gapsync.format.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.gapsync.format.PackageFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The international profile with RSA-3072 keys: RSA signatures, AES-256 with RSAES-OAEP. */
class RsaProfileTest {
  private static final byte[] SECRET = "Minutes of the standing committee, 1987: restricted"
      .getBytes(StandardCharsets.UTF_8);
  private static SigningKey rsa;
  private static SigningKey ecdsa;
  @TempDir
  Path dir;

  @BeforeAll
  static void keys() {
    rsa = SigningKey.generate("remote-backup", SignatureProfile.RSA_3072_SHA256,
        Clock.systemUTC(), Duration.ofDays(1));
    ecdsa = SigningKey.generate("archive-lan", SignatureProfile.ECDSA_P256_SHA256,
        Clock.systemUTC(), Duration.ofDays(1));
  }

  @Test
  void anRsaKeyIsOf3072BitsAndIsStoredAndLoadedWithItsProfile() throws Exception {
    Path file = dir.resolve("signing.p12");
    rsa.store(file, "secret".toCharArray());

    SigningKey loaded = SigningKey.load(file, "secret".toCharArray());

    assertEquals(SignatureProfile.RSA_3072_SHA256, loaded.profile());
    assertEquals("international", loaded.profile().crypto());
    assertEquals(3072, ((RSAPublicKey) loaded.certificate().getPublicKey()).getModulus()
        .bitLength());
    assertEquals("SHA256WITHRSA", loaded.certificate().getSigAlgName().toUpperCase());
    assertTrue(loaded.certificate().getKeyUsage()[2], "keyEncipherment");
  }

  @Test
  void signaturesVerifyAndTamperingIsCaught() throws Exception {
    byte[] content = "tag manifest".getBytes(StandardCharsets.UTF_8);
    byte[] signature = new PackageSigner(rsa, Clock.systemUTC()).sign(content);
    SignatureVerifier verifier = new SignatureVerifier(TrustStore.empty().with("remote-backup",
        rsa.certificate()));

    SignatureCheck check = verifier.verify("sync/signature.p7s", content, signature);

    assertTrue(check.isValid(), check.findings()::toString);
    content[0] ^= 1;
    assertFalse(verifier.verify("sync/signature.p7s", content, signature).isValid());
  }

  @Test
  void anEnvelopeToAnRsaKeyIsAes256WithOaepAndOnlyThatKeyOpensIt() throws Exception {
    Path sealed = dir.resolve("pkg.tar.p7m");
    try (OutputStream out = EnvelopeWriter.to(rsa.certificate())
        .wrap(Files.newOutputStream(sealed))) {
      out.write(SECRET);
    }

    try (InputStream in = EnvelopeReader.open(Files.newInputStream(sealed), List.of(ecdsa,
        rsa))) {
      assertArrayEquals(SECRET, in.readAllBytes());
    }
    assertFalse(new String(Files.readAllBytes(sealed), StandardCharsets.ISO_8859_1)
        .contains("standing committee"));
    try (InputStream in = Files.newInputStream(sealed)) {
      CMSEnvelopedDataParser parser = new CMSEnvelopedDataParser(in);
      assertEquals("2.16.840.1.101.3.4.1.42", parser.getEncryptionAlgOID(), "AES-256-CBC");
      RecipientInformation first = parser.getRecipientInfos().getRecipients().iterator().next();
      assertEquals(PKCSObjectIdentifiers.id_RSAES_OAEP.getId(), first.getKeyEncryptionAlgOID());
    }
    PackageFormatException e = assertThrows(PackageFormatException.class,
        () -> EnvelopeReader.open(Files.newInputStream(sealed), ecdsa));
    assertTrue(e.getMessage().startsWith("encrypted for \"CN=remote-backup"), e.getMessage());
  }

  @Test
  void refusesToEncryptToAShortRsaKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    X500Principal name = new X500Principal("CN=old-site");
    Instant now = Instant.now();
    X509Certificate weak = new JcaX509CertificateConverter().getCertificate(
        new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
            Date.from(now.plusSeconds(60)), name, pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EnvelopeWriter.to(weak));

    assertTrue(e.getMessage().startsWith("cannot encrypt to a 2048-bit RSA key, the "
        + "international profile asks for 3072 bits or more"), e.getMessage());
  }
}
