package org.gapsync.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.receipt.ReceiptWriter;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.format.testing.Tamper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PackageVerifyCommandTest {
  private final SigningKey key = Fixtures.key(Fixtures.SOURCE);
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir
  Path dir;
  private Path cert;

  @BeforeEach
  void exportCertificate() throws Exception {
    cert = dir.resolve("archive-lan.pem");
    Certificates.writePem(key.certificate(), cert);
  }

  private int run(String... args) {
    CommandLine cli = PackageVerifyCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void validTarWithTrustedSignerExitsZero() throws Exception {
    Path pkg = Fixtures.writePackage(key, ContainerFormat.TAR, dir).path();

    int code = run(pkg.toString(), "--trust", cert.toString());

    assertEquals(ExitCodes.VALID, code, err::toString);
    assertTrue(out.toString().contains("sync package archive-lan-reading-room-1"), out::toString);
    assertTrue(out.toString().contains("trusted as archive-lan"), out::toString);
    assertTrue(out.toString().contains("VALID"), out::toString);
  }

  @Test
  void withoutTrustTheSignerIsReportedUntrusted() throws Exception {
    Path pkg = Fixtures.writePackage(key, ContainerFormat.ZIP, dir).path();

    int code = run(pkg.toString());

    assertEquals(ExitCodes.INVALID, code);
    assertTrue(out.toString().contains("SIGNER_UNTRUSTED"), out::toString);
  }

  @Test
  void tamperedPackageListsEveryFindingAsJson() throws Exception {
    Path pkg = Fixtures.writePackage(key, ContainerFormat.DIRECTORY, dir).path();
    Tamper.flipByte(pkg.resolve("data/A-2020-001/scans/page 1.txt"), 0);
    Files.delete(pkg.resolve("data/A-2020-002/notes.txt"));

    int code = run(pkg.toString(), "--trust", cert.toString(), "--format", "json");

    assertEquals(ExitCodes.INVALID, code);
    String json = out.toString();
    assertTrue(json.contains("\"valid\" : false"), json);
    assertTrue(json.contains("\"code\" : \"DIGEST_MISMATCH\""), json);
    assertTrue(json.contains("\"code\" : \"FILE_MISSING\""), json);
    assertEquals("", err.toString());
  }

  @Test
  void recognisesAReceipt() throws Exception {
    SigningKey target = Fixtures.key(Fixtures.TARGET);
    Path receipt = new ReceiptWriter(new PackageSigner(target, Fixtures.CLOCK),
        ContainerFormat.DIRECTORY, ContainerWriter.Options.DEFAULT)
        .write(org.gapsync.verify.Receipts.sample(), Map.of(), dir);
    Path targetCert = dir.resolve("target.pem");
    Certificates.writePem(target.certificate(), targetCert);

    int code = run(receipt.toString(), "--trust", "reading-room=" + targetCert);

    assertEquals(ExitCodes.VALID, code, out::toString);
    assertTrue(out.toString().startsWith("receipt "), out::toString);
  }

  @Test
  void aSignerTrustedAsAnotherPlatformThanTheOneClaimedIsRefused() throws Exception {
    Path pkg = Fixtures.writePackage(key, ContainerFormat.TAR, dir).path();

    int code = run(pkg.toString(), "--trust", "branch-archive=" + cert);

    assertEquals(ExitCodes.INVALID, code);
    assertTrue(out.toString().contains("SIGNER_NOT_CLAIMED"), out::toString);
  }

  @Test
  void missingPathIsAnIoErrorOnOneLine() {
    int code = run(dir.resolve("absent.tar").toString());

    assertEquals(ExitCodes.IO, code);
    assertEquals(1, err.toString().lines().count(), err::toString);
    assertTrue(err.toString().startsWith("error: "), err::toString);
  }

  @Test
  void encryptedPackageIsAUsageErrorPointingToItsDestination() throws Exception {
    Path pkg = Fixtures.writePackage(key, ContainerFormat.TAR, dir).path();
    Path sealed = dir.resolve(pkg.getFileName() + ".p7m");
    try (OutputStream o = EnvelopeWriter.to(Fixtures.key("backup").certificate())
        .wrap(Files.newOutputStream(sealed))) {
      Files.copy(pkg, o);
    }

    int code = run(sealed.toString(), "--trust", cert.toString());

    assertEquals(ExitCodes.USAGE, code);
    assertTrue(err.toString().startsWith("error: " + sealed + " is encrypted to its "
        + "destination"), err::toString);
    assertEquals(1, err.toString().lines().count(), err::toString);
  }

  @Test
  void unreadableCertificateIsAUsageError() throws Exception {
    Path pkg = Fixtures.writePackage(key, ContainerFormat.TAR, dir).path();
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");

    int code = run(pkg.toString(), "--trust", junk.toString());

    assertEquals(ExitCodes.USAGE, code);
    assertTrue(err.toString().startsWith("error: --trust "), err::toString);
  }
}
