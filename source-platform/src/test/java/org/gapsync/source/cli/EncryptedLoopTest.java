package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptWriter;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SignatureProfile;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.SyncPackageVerifier;
import org.gapsync.format.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop to a destination whose template requires encryption: the package on the medium
 * opens only with the destination's key and shows nothing of the records; the receipt comes
 * back encrypted to the source.
 */
class EncryptedLoopTest {
  private static final Path EXAMPLES = SourceCli.EXAMPLES;
  private final SigningKey targetKey = Fixtures.key("offsite");
  @TempDir
  Path dir;
  private Path media;

  private SourceCli.Run run(String... args) {
    return SourceCli.run(dir, args);
  }

  @BeforeEach
  void setUp() throws Exception {
    SourceCli.homeWithDestination(dir, "offsite", "offsite-backup.xml", targetKey);
    media = Files.createDirectory(dir.resolve("media"));
  }


  private Path build() {
    SourceCli.Run r = run("package", "build", "--destination", "offsite", "--to",
        media.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("encrypted to the certificate of offsite"), r.out());
    return Path.of(r.out().substring(6, r.out().indexOf(" (sequence")));
  }

  private X509Certificate sourceCert() throws Exception {
    return Certificates.readPem(dir.resolve("home/certificate.pem"));
  }

  @Test
  void packageOpensOnlyForTheDestinationAndShowsNothingOfTheRecords() throws Exception {
    Path sealed = build();

    assertTrue(sealed.getFileName().toString().endsWith(".tar.p7m"), sealed.toString());
    String onMedium = new String(Files.readAllBytes(sealed), StandardCharsets.ISO_8859_1);
    List<String> plaintext = new java.util.ArrayList<>();
    try (Stream<Path> walk = Files.walk(EXAMPLES.resolve("holdings"))) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        plaintext.add(p.getFileName().toString());
        if (p.endsWith("metadata.xml")) {
          String meta = Files.readString(p);
          plaintext.add(meta.replaceAll("(?s).*<identifier>(.*?)</identifier>.*", "$1"));
          String title = meta.replaceAll("(?s).*<title>(.*?)</title>.*", "$1");
          plaintext.add(new String(title.getBytes(StandardCharsets.UTF_8),
              StandardCharsets.ISO_8859_1));
        }
      }
    }
    assertTrue(plaintext.size() > 30, plaintext::toString);
    for (String text : plaintext) {
      assertFalse(onMedium.contains(text), "the medium shows " + text);
    }
    Path plain = dir.resolve("opened.tar");
    EnvelopeReader.decrypt(sealed, targetKey, plain);
    Verification<PackageHeader> v = new SyncPackageVerifier(TrustStore.empty().with(
        "archive-lan", sourceCert()), 2).verify(plain);
    assertTrue(v.isValid(), v.report()::toString);
    assertEquals(10, v.header().orElseThrow().records().size());
  }

  @Test
  void aDestinationWithAnRsaKeyGetsItsPackageEncryptedToIt() throws Exception {
    Path other = Files.createDirectories(dir.resolve("rsa"));
    SigningKey rsa = SigningKey.generate("remote", SignatureProfile.RSA_3072_SHA256,
        Fixtures.CLOCK, java.time.Duration.ofDays(1));
    SourceCli.homeWithDestination(other, "remote", "offsite-backup.xml", rsa);
    Path to = Files.createDirectories(other.resolve("media"));

    SourceCli.Run r = SourceCli.run(other, "package", "build", "--destination", "remote",
        "--to", to.toString());

    assertEquals(0, r.code(), r.err());
    Path sealed;
    try (Stream<Path> written = Files.list(to)) {
      sealed = written.filter(p -> p.toString().endsWith(".tar.p7m")).findFirst().orElseThrow();
    }
    Path plain = other.resolve("opened.tar");
    EnvelopeReader.decrypt(sealed, rsa, plain);
    assertTrue(new SyncPackageVerifier(TrustStore.empty().with("archive-lan",
        Certificates.readPem(other.resolve("home/certificate.pem"))), 2).verify(plain)
        .isValid());
  }

  @Test
  void encryptedReceiptIsIngestedAndOneForAnotherSourceIsRefused() throws Exception {
    Path plain = dir.resolve("opened.tar");
    EnvelopeReader.decrypt(build(), targetKey, plain);
    PackageHeader header = new SyncPackageVerifier(TrustStore.empty().with("archive-lan",
        sourceCert()), 2).verify(plain).header().orElseThrow();

    Path stranger = sealedReceipt(header, Fixtures.key("elsewhere").certificate(), "stranger");
    SourceCli.Run refused = run("receipt", "ingest", stranger.toString());
    assertEquals(3, refused.code(), refused.out() + refused.err());
    assertTrue(refused.err().contains("receipt refused: encrypted for \"CN=elsewhere,"),
        refused.err());

    Path receipt = sealedReceipt(header, sourceCert(), "mine");
    SourceCli.Run ingest = run("receipt", "ingest", receipt.toString());
    assertEquals(0, ingest.code(), ingest.err());
    assertTrue(ingest.out().contains("10 confirmed, 0 failed"), ingest.out());
    try (Stream<Path> left = Files.list(dir.resolve("home/scratch"))) {
      assertEquals(List.of(), left.toList(), "nothing decrypted is left behind");
    }
  }

  /** Plays the target: every record applied as sent, the receipt encrypted to {@code to}. */
  private Path sealedReceipt(PackageHeader header, X509Certificate to, String folder)
      throws Exception {
    List<RecordResult> results = header.records().stream().map(r -> new RecordResult(
        r.archivalId(), r.version(), RecordOutcome.APPLIED, Optional.empty(), r.files()))
        .toList();
    Path written = new ReceiptWriter(new PackageSigner(targetKey, Fixtures.CLOCK),
        ContainerFormat.TAR, ContainerWriter.Options.DEFAULT).write(new Receipt(
            header.packageId().receipt(), header.packageId(),
            "archive-lan", "offsite", header.sequence(), Fixtures.NOW, "operator",
            PackageOutcome.ACCEPTED, List.of(), List.of(), results), Map.of(),
        Files.createDirectories(dir.resolve("plain-" + folder)));
    Path sealed = Files.createDirectories(dir.resolve(folder)).resolve(written.getFileName()
        + EnvelopeWriter.EXTENSION);
    try (OutputStream out = EnvelopeWriter.to(to).wrap(Files.newOutputStream(sealed))) {
      Files.copy(written, out);
    }
    return sealed;
  }
}
