package org.gapsync.format.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.gapsync.format.PackageFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeTest {
  private static final byte[] SECRET = "Minutes of the standing committee, 1987: restricted"
      .getBytes(StandardCharsets.UTF_8);

  private static SigningKey target;
  private static SigningKey other;

  @TempDir Path dir;

  @BeforeAll
  static void keys() {
    target = SigningKey.generate("reading-room", SignatureProfile.ECDSA_P256_SHA256,
        Clock.systemUTC(), Duration.ofDays(1));
    other = SigningKey.generate("backup-site", SignatureProfile.ECDSA_P256_SHA256,
        Clock.systemUTC(), Duration.ofDays(1));
  }

  private Path seal(EnvelopeWriter envelope, byte[] content) throws IOException {
    Path sealed = dir.resolve("pkg.tar.p7m");
    try (OutputStream out = envelope.wrap(Files.newOutputStream(sealed))) {
      out.write(content);
    }
    return sealed;
  }

  private static byte[] content() {
    byte[] content = new byte[3 << 20];
    new Random(7).nextBytes(content);
    System.arraycopy(SECRET, 0, content, 1 << 20, SECRET.length);
    return content;
  }

  @Test
  void itsLayoutChecksWithoutAKeyAndACutOrEditedEnvelopeFails() throws IOException {
    Path sealed = seal(EnvelopeWriter.to(target.certificate()), content());
    EnvelopeReader.checkLayout(sealed);
    byte[] bytes = Files.readAllBytes(sealed);

    Path cut = Files.write(dir.resolve("cut.tar.p7m"), java.util.Arrays.copyOf(bytes,
        bytes.length - 3));
    byte[] edited = bytes.clone();
    edited[40] ^= 0x01;
    Path head = Files.write(dir.resolve("head.tar.p7m"), edited);

    assertThrows(PackageFormatException.class, () -> EnvelopeReader.checkLayout(cut));
    assertThrows(PackageFormatException.class, () -> EnvelopeReader.checkLayout(head));
  }

  @Test
  void recipientReadsWhatWasSealed() throws IOException {
    byte[] content = content();
    Path sealed = seal(EnvelopeWriter.to(target.certificate()), content);
    assertTrue(EnvelopeReader.isEnvelope(sealed));
    try (InputStream in = EnvelopeReader.open(Files.newInputStream(sealed), target)) {
      assertArrayEquals(content, in.readAllBytes());
    }
  }

  @Test
  void sealedBytesHideTheContent() throws IOException {
    byte[] onMedium = Files.readAllBytes(seal(EnvelopeWriter.to(target.certificate()),
        content()));
    String text = new String(onMedium, StandardCharsets.ISO_8859_1);
    assertFalse(text.contains("standing committee"));
  }

  @Test
  void writerReadsBackWithItsOwnKey() throws IOException {
    byte[] content = content();
    EnvelopeWriter envelope = EnvelopeWriter.to(target.certificate());
    Path sealed = seal(envelope, content);
    try (InputStream in = envelope.readBack(Files.newInputStream(sealed))) {
      assertArrayEquals(content, in.readAllBytes());
    }
    assertThrows(IllegalStateException.class, () ->
        EnvelopeWriter.to(target.certificate()).readBack(Files.newInputStream(sealed)));
    // Another writer to the same recipient knows another content key: it reads nothing of it.
    EnvelopeWriter another = EnvelopeWriter.to(target.certificate());
    try (OutputStream out = another.wrap(Files.newOutputStream(dir.resolve("other.p7m")))) {
      out.write(1);
    }
    byte[] read;
    try (InputStream in = another.readBack(Files.newInputStream(sealed))) {
      read = in.readAllBytes();
    } catch (IOException refused) {
      read = new byte[0];
    }
    assertFalse(java.util.Arrays.equals(content, read));
  }

  @Test
  void anEnvelopeHasTheDestinationAsItsOnlyRecipient() throws Exception {
    Path sealed = seal(EnvelopeWriter.to(target.certificate()), content());
    try (InputStream in = Files.newInputStream(sealed)) {
      org.bouncycastle.cms.CMSEnvelopedDataParser parser =
          new org.bouncycastle.cms.CMSEnvelopedDataParser(in);
      assertEquals(1, parser.getRecipientInfos().size());
      parser.close();
    }
  }

  @Test
  void refusesToEncryptToAnEcKeyOnACurveNoProfileUses() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    java.security.KeyPair pair = g.generateKeyPair();
    org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name(
        "CN=p384-target");
    java.security.cert.X509Certificate cert = new org.bouncycastle.cert.jcajce
        .JcaX509CertificateConverter().getCertificate(new org.bouncycastle.cert.jcajce
        .JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE, java.util.Date.from(
            org.gapsync.format.testing.Fixtures.NOW), java.util.Date.from(
            org.gapsync.format.testing.Fixtures.NOW.plus(Duration.ofDays(1))), name,
            pair.getPublic()).build(new org.bouncycastle.operator.jcajce
            .JcaContentSignerBuilder("SHA384withECDSA").build(pair.getPrivate())));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EnvelopeWriter.to(cert));

    assertTrue(e.getMessage().startsWith("cannot encrypt to an EC key on curve 1.3.132.0.34: "
        + "the profiles use P-256 (prime256v1) or SM2 (sm2p256v1)"), e.getMessage());
  }

  @Test
  void refusesAnotherRecipientNamingTheIntendedCertificate() throws IOException {
    Path sealed = seal(EnvelopeWriter.to(target.certificate()), content());
    PackageFormatException e = assertThrows(PackageFormatException.class, () ->
        EnvelopeReader.open(Files.newInputStream(sealed), other));
    assertTrue(e.getMessage().startsWith("encrypted for \"CN=reading-room,O=gapsync platform\" "
        + "(certificate serial " + target.certificate().getSerialNumber().toString(16) + "), "
        + "not for this platform's certificate \"CN=backup-site"), e.getMessage());
  }

  @Test
  void truncatedEnvelopeFailsToRead() throws IOException {
    Path sealed = seal(EnvelopeWriter.to(target.certificate()), content());
    byte[] bytes = Files.readAllBytes(sealed);
    Files.write(sealed, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    assertThrows(IOException.class, () -> {
      try (InputStream in = EnvelopeReader.open(Files.newInputStream(sealed), target)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    });
  }

  @Test
  void tellsOtherFilesFromEnvelopes() throws IOException {
    Path plain = dir.resolve("plain.tar");
    Files.write(plain, content());
    assertFalse(EnvelopeReader.isEnvelope(plain));
    assertFalse(EnvelopeReader.isEnvelope(dir));
  }

  @Test
  void decryptedCopyIsReplacedOpenedWithARetiredKeyAndRemovedWhenClosed() throws IOException {
    byte[] content = content();
    Path sealed = seal(EnvelopeWriter.to(target.certificate()), content);
    Path scratch = dir.resolve("scratch");
    Files.createDirectories(scratch);
    Files.writeString(scratch.resolve("pkg.tar"), "left by an interrupted run");

    Path plain;
    try (DecryptedCopy copy = DecryptedCopy.create(sealed, List.of(other, target), scratch)) {
      plain = copy.path();
      assertEquals(scratch.resolve("pkg.tar"), plain);
      assertArrayEquals(content, Files.readAllBytes(plain));
    }
    assertFalse(Files.exists(plain));
  }

  @Test
  void decryptedCopyLeavesNothingWhenItDoesNotDecrypt() throws IOException {
    Path sealed = seal(EnvelopeWriter.to(target.certificate()), content());
    byte[] bytes = Files.readAllBytes(sealed);
    Files.write(sealed, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    Path scratch = dir.resolve("scratch");

    assertThrows(PackageFormatException.class, () -> DecryptedCopy.create(sealed,
        List.of(target), scratch));
    assertThrows(PackageFormatException.class, () -> DecryptedCopy.create(sealed,
        List.of(other), scratch));
    try (var left = Files.list(scratch)) {
      assertEquals(0, left.count(), "nothing left in scratch");
    }
  }

  @Test
  void decryptedCopyReadsBackWithTheWritersKey() throws IOException {
    byte[] content = content();
    EnvelopeWriter envelope = EnvelopeWriter.to(target.certificate());
    Path sealed = seal(envelope, content);
    try (DecryptedCopy copy = DecryptedCopy.readBack(sealed, envelope, dir.resolve("s"))) {
      assertArrayEquals(content, Files.readAllBytes(copy.path()));
    }
  }
}
