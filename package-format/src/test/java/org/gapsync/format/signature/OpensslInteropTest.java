package org.gapsync.format.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.receipt.ReceiptWriter;
import org.gapsync.format.syncpackage.SyncPackageWriter;
import org.gapsync.format.syncpackage.WrittenPackage;
import org.gapsync.format.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What we write, read by OpenSSL, which nobody here wrote: national envelopes decrypt to the
 * same tar, signatures are DER and verify. The test tools script installs {@code openssl}.
 */
class OpensslInteropTest {
  private static final char[] PASSPHRASE = "interop".toCharArray();

  @TempDir
  Path dir;

  private final SigningKey source = SigningKey.generate(Fixtures.SOURCE,
      SignatureProfile.SM2_SM3, Fixtures.CLOCK, Duration.ofDays(3650));
  private final SigningKey target = SigningKey.generate(Fixtures.TARGET,
      SignatureProfile.SM2_SM3, Fixtures.CLOCK, Duration.ofDays(3650));

  private static String openssl(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Path out = dir.resolve("openssl.out");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    if (!p.waitFor(1, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("openssl did not finish: " + command);
    }
    String said = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + said);
    return said;
  }

  /** Exports {@code key}'s private key from its PKCS#12 file as PEM, with OpenSSL. */
  private Path exportKey(SigningKey key, String name) throws Exception {
    Path p12 = dir.resolve(name + ".p12");
    key.store(p12, PASSPHRASE);
    openssl(dir, "pkcs12", "-in", p12.toString(), "-nocerts", "-nodes", "-passin",
        "pass:" + new String(PASSPHRASE), "-out", name + ".key.pem");
    return dir.resolve(name + ".key.pem");
  }

  private void assertOpensslDecryptsToTheSameBytes(Path sealed, SigningKey key, String name)
      throws Exception {
    Path ours = dir.resolve(name + ".ours.tar");
    EnvelopeReader.decrypt(sealed, key, ours);
    Path theirs = dir.resolve(name + ".openssl.tar");

    openssl(dir, "cms", "-decrypt", "-inform", "DER", "-in", sealed.toString(), "-inkey",
        exportKey(key, name).toString(), "-out", theirs.toString());

    assertArrayEquals(Files.readAllBytes(ours), Files.readAllBytes(theirs));
  }

  @Test
  void openSslDecryptsANationalPackageToTheIdenticalTar() throws Exception {
    WrittenPackage sealed = new SyncPackageWriter(new PackageSigner(source, Fixtures.CLOCK),
        ContainerFormat.TAR, new ContainerWriter.Options(false, Fixtures.NOW), 1,
        EnvelopeWriter.to(target.certificate())).write(Fixtures.spec(1), Fixtures.records(),
        Files.createDirectories(dir.resolve("medium")));

    assertOpensslDecryptsToTheSameBytes(sealed.path(), target, "target");
  }

  @Test
  void openSslDecryptsANationalReceiptToTheIdenticalTar() throws Exception {
    Path receipt = new ReceiptWriter(new PackageSigner(target, Fixtures.CLOCK),
        ContainerFormat.TAR, new ContainerWriter.Options(false, Fixtures.NOW))
        .write(org.gapsync.format.golden.GoldenPackages.receipt(Fixtures.spec(1)), Map.of(),
            Files.createDirectories(dir.resolve("receipts")));
    Path sealed = dir.resolve("receipt.tar.p7m");
    try (OutputStream out = EnvelopeWriter.to(source.certificate())
        .wrap(Files.newOutputStream(sealed))) {
      Files.copy(receipt, out);
    }

    assertOpensslDecryptsToTheSameBytes(sealed, source, "source");
  }

  @Test
  void theSignatureIsDerAndOpenSslVerifiesIt() throws Exception {
    SigningKey international = Fixtures.key(Fixtures.SOURCE);
    WrittenPackage written = Fixtures.writePackage(international, ContainerFormat.DIRECTORY,
        dir);
    Path signature = written.path().resolve("sync/signature.p7s");
    byte[] bytes = Files.readAllBytes(signature);

    assertArrayEquals(ASN1Primitive.fromByteArray(bytes).getEncoded(ASN1Encoding.DER), bytes,
        "re-encoded as DER it is the same bytes");
    Certificates.writePem(international.certificate(), dir.resolve("signer.pem"));
    openssl(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", signature.toString(),
        "-content", written.path().resolve("tagmanifest-sha256.txt").toString(), "-CAfile",
        "signer.pem", "-purpose", "any", "-out", "/dev/null");
  }

}
