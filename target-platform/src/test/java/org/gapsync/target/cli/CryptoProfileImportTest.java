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
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptVerifier;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SignatureProfile;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.SyncPackageWriter;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Targets made with {@code init --crypto national} and with {@code init --key rsa} exchanging
 * with an international (ECDSA) source.
 */
class CryptoProfileImportTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "--crypto national, SM2_SM3, SM3withSM2 (national profile)",
      "--key rsa, RSA_3072_SHA256, SHA256withRSA (international profile)"})
  void aTargetOpensPackagesEncryptedToItsProfileAndSignsItsReceiptsWithIt(String option,
      SignatureProfile profile, String said) throws Exception {
    TargetRig rig = new TargetRig(dir);
    String[] choice = option.split(" ");
    TargetRig.Run init = rig.run("init", "--id", TargetRig.TARGET, choice[0], choice[1]);
    assertEquals(ExitCodes.OK, init.code(), init.all());
    assertTrue(init.out().contains("signing key: " + said), init.out());
    TargetRig.check(rig.run("user", "add", System.getProperty("user.name"), "--role",
        "operator"));
    Path pem = dir.resolve("source.pem");
    Certificates.writePem(rig.sourceKey.certificate(), pem);
    TargetRig.check(rig.run("trust", "add", "--id", TargetRig.SOURCE, "--cert", pem.toString()));
    X509Certificate targetCert = Certificates.readPem(rig.home.resolve("certificate.pem"));
    assertEquals(profile, SignatureProfile.of(targetCert.getPublicKey()));
    Path folder = Files.createDirectories(rig.media.resolve("sealed"));
    new SyncPackageWriter(new PackageSigner(rig.sourceKey, Fixtures.CLOCK), ContainerFormat.TAR,
        new ContainerWriter.Options(false, Fixtures.NOW), 2, EnvelopeWriter.to(targetCert))
        .write(spec(1), List.of(add("A-1", "minutes.txt", "Minutes")), folder);

    TargetRig.Run r = rig.importFrom(folder);

    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertEquals("Minutes", Files.readString(rig.home.resolve(
        "replica/archive-lan/A-1/minutes.txt")));
    Path plain = dir.resolve("receipt.tar");
    EnvelopeReader.decrypt(rig.receipts.resolve(id(1) + ".receipt.tar.p7m"), rig.sourceKey,
        plain);
    Verification<Receipt> v = new ReceiptVerifier(TrustStore.empty().with(TargetRig.TARGET,
        targetCert)).verify(plain);
    assertTrue(v.isValid(), v.report().findings().toString());
    assertEquals(PackageOutcome.ACCEPTED, v.header().orElseThrow().outcome());
    assertEquals("sync/signature.p7s; " + profile.jcaName(), v.contents().info().orElseThrow()
        .get("Gapsync-Signature").orElseThrow(), "the receipt records its algorithm");
  }

  @Test
  void anUnknownProfileIsAUsageError() throws Exception {
    TargetRig.Run r = new TargetRig(dir).run("init", "--id", TargetRig.TARGET, "--crypto",
        "quantum");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("--crypto"), r.err());
  }

  @Test
  void rsaKeysAreRefusedInTheNationalProfile() throws Exception {
    TargetRig rig = new TargetRig(dir);

    TargetRig.Run r = rig.run("init", "--id", TargetRig.TARGET, "--crypto", "national", "--key",
        "rsa");

    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertEquals("error: --key rsa: the national profile signs with SM2 keys only; leave --key "
        + "out, or choose --crypto international", r.err().strip());
    assertTrue(Files.notExists(rig.home.resolve("platform.properties")), "nothing made");
  }
}
