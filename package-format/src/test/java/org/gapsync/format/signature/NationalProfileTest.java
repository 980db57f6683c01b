package org.gapsync.format.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.RecipientInformation;
import org.gapsync.format.PackageFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The national profile: SM2 signatures with SM3, SM4 envelopes with SM2 key transport. */
class NationalProfileTest {
  private static final byte[] SECRET = "Minutes of the standing committee, 1987: restricted"
      .getBytes(StandardCharsets.UTF_8);
  private static SigningKey national;
  private static SigningKey international;
  @TempDir
  Path dir;

  @BeforeAll
  static void keys() {
    national = SigningKey.generate("provincial-archive", SignatureProfile.SM2_SM3,
        Clock.systemUTC(), Duration.ofDays(1));
    international = SigningKey.generate("backup-site", SignatureProfile.ECDSA_P256_SHA256,
        Clock.systemUTC(), Duration.ofDays(1));
  }

  @Test
  void sm3GivesTheStandardsExampleDigest() {
    // GB/T 32905-2016, appendix A, example 1: SM3("abc").
    byte[] digest = SignatureProfile.newDigest(SignatureProfile.SM2_SM3.digestName())
        .digest("abc".getBytes(StandardCharsets.US_ASCII));

    assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
        HexFormat.of().formatHex(digest));
    assertThrows(IllegalArgumentException.class, () -> SignatureProfile.newDigest("MD5"));
  }

  @Test
  void anSm2KeyIsStoredAndLoadedWithItsProfileAndSignsWithSm3() throws Exception {
    Path file = dir.resolve("signing.p12");
    national.store(file, "secret".toCharArray());

    SigningKey loaded = SigningKey.load(file, "secret".toCharArray());

    assertEquals(SignatureProfile.SM2_SM3, loaded.profile());
    assertEquals("1.2.156.10197.1.501", loaded.certificate().getSigAlgOID(), "SM3withSM2");
    byte[] content = "tag manifest".getBytes(StandardCharsets.UTF_8);
    byte[] signature = new PackageSigner(loaded, Clock.systemUTC()).sign(content);
    SignatureCheck check = new SignatureVerifier(TrustStore.empty().with("provincial-archive",
        national.certificate())).verify("sync/signature.p7s", content, signature);
    assertTrue(check.isValid(), check.findings()::toString);
    content[0] ^= 1;
    assertFalse(new SignatureVerifier(TrustStore.empty().with("provincial-archive",
        national.certificate())).verify("sync/signature.p7s", content, signature).isValid());
    assertThrows(PackageFormatException.class,
        () -> SigningKey.load(file, "wrong".toCharArray()));
  }

  @Test
  void anEnvelopeToAnSm2CertificateIsSm4WithSm2KeyTransportAndOpensOnlyForItsKey()
      throws Exception {
    Path sealed = dir.resolve("pkg.tar.p7m");
    byte[] content = new byte[1 << 20];
    System.arraycopy(SECRET, 0, content, 1000, SECRET.length);
    EnvelopeWriter envelope = EnvelopeWriter.to(national.certificate());
    try (OutputStream out = envelope.wrap(Files.newOutputStream(sealed))) {
      out.write(content);
    }

    assertFalse(new String(Files.readAllBytes(sealed), StandardCharsets.ISO_8859_1)
        .contains("standing committee"));
    try (InputStream in = Files.newInputStream(sealed)) {
      CMSEnvelopedDataParser parser = new CMSEnvelopedDataParser(in);
      assertEquals(GMObjectIdentifiers.sms4_cbc.getId(), parser.getEncryptionAlgOID());
      assertTrue(parser.getRecipientInfos().getRecipients().stream()
          .map(RecipientInformation::getKeyEncryptionAlgOID).toList()
          .contains(GMObjectIdentifiers.sm2encrypt_with_sm3.getId()));
      parser.close();
    }
    try (InputStream in = EnvelopeReader.open(Files.newInputStream(sealed),
        List.of(international, national))) {
      assertArrayEquals(content, in.readAllBytes());
    }
    try (InputStream in = envelope.readBack(Files.newInputStream(sealed))) {
      assertArrayEquals(content, in.readAllBytes());
    }
    PackageFormatException e = assertThrows(PackageFormatException.class,
        () -> EnvelopeReader.open(Files.newInputStream(sealed), international));
    assertTrue(e.getMessage().contains("encrypted for \"CN=provincial-archive"), e.getMessage());
  }

  @Test
  void aKeyAnnouncesItsSuccessorAcrossProfiles() {
    KeySuccession succession = KeySuccession.NONE.then(KeySuccession.announce(international,
        national.certificate(), Clock.systemUTC()));
    TrustStore trust = TrustStore.empty().with("backup-site", international.certificate());

    assertEquals(Optional.of("backup-site"), succession.extend(trust)
        .idOf(national.certificate()));
  }
}
