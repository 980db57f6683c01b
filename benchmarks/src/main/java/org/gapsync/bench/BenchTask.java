package org.gapsync.bench;

import gov.loc.repository.bagit.creator.BagCreator;
import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.hash.StandardSupportedAlgorithms;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.PayloadSource;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.container.Seal;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SignatureProfile;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.format.syncpackage.PayloadFile;
import org.gapsync.format.syncpackage.RecordContent;
import org.gapsync.format.syncpackage.SyncPackageVerifier;
import org.gapsync.format.syncpackage.SyncPackageWriter;
import org.gapsync.format.syncpackage.TemplateRef;
import org.gapsync.platform.access.ProcessUser;

/**
 * One measured task, run in a JVM of its own so that its peak resident memory is its own. Prints
 * {@code elapsed_ms=N rss_kib=N} on its last line.
 */
public final class BenchTask {
  private BenchTask() {}

  /**
   * Runs {@code ours-write[-tar] HOLDINGS MEDIUM DURABLE KEY.p12}, {@code ours-write-sealed
   * HOLDINGS MEDIUM DURABLE KEY.p12 RECIPIENT.pem}, {@code ours-open SEALED KEY.p12 PLAIN},
   * {@code ours-verify PACKAGE CERT.pem}, {@code loc-create FOLDER}, {@code loc-verify BAG}, {@code source ARGS...} or
   * {@code target ARGS...} (a platform's command line).
   */
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    switch (args[0]) {
      case "ours-write" -> oursWrite(Path.of(args[1]), Path.of(args[2]),
          Boolean.parseBoolean(args[3]), Path.of(args[4]), ContainerFormat.DIRECTORY);
      case "ours-write-tar" -> oursWrite(Path.of(args[1]), Path.of(args[2]),
          Boolean.parseBoolean(args[3]), Path.of(args[4]), ContainerFormat.TAR);
      case "source" -> platform("source-platform", org.gapsync.source.cli.SourceCommand
          .commandLine(Clock.systemUTC(), ProcessUser.name()), args);
      case "target" -> platform("target-platform", org.gapsync.target.cli.TargetCommand
          .commandLine(Clock.systemUTC(), ProcessUser.name()), args);
      case "ours-write-sealed" -> oursWrite(Path.of(args[1]), Path.of(args[2]),
          Boolean.parseBoolean(args[3]), Path.of(args[4]), ContainerFormat.TAR,
          EnvelopeWriter.to(Certificates.readPem(Path.of(args[5]))));
      case "ours-open" -> EnvelopeReader.decrypt(Path.of(args[1]), SigningKey.load(
          Path.of(args[2]), "bench".toCharArray()), Path.of(args[3]));
      case "ours-verify" -> oursVerify(Path.of(args[1]), Path.of(args[2]));
      case "loc-create" -> BagCreator.bagInPlace(Path.of(args[1]),
          List.of(StandardSupportedAlgorithms.SHA256), false);
      case "loc-verify" -> locVerify(Path.of(args[1]));
      case "make-key" -> makeKey(Path.of(args[1]), Path.of(args[2]));
      default -> throw new IllegalArgumentException("unknown task " + args[0]);
    }
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    System.out.println("elapsed_ms=" + elapsed + " rss_kib=" + peakRss());
  }

  private static void platform(String name, picocli.CommandLine cli, String[] args) {
    int code = cli.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    if (code != 0) {
      throw new IllegalStateException(name + " exited " + code);
    }
  }

  private static void oursWrite(Path holdings, Path medium, boolean durable, Path keyFile,
      ContainerFormat format) throws Exception {
    oursWrite(holdings, medium, durable, keyFile, format, Seal.NONE);
  }

  private static void oursWrite(Path holdings, Path medium, boolean durable, Path keyFile,
      ContainerFormat format, Seal seal) throws Exception {
    SigningKey key = SigningKey.load(keyFile, "bench".toCharArray());
    List<RecordContent> records = new ArrayList<>();
    try (Stream<Path> folders = Files.list(holdings)) {
      for (Path folder : folders.sorted().toList()) {
        records.add(record(folder));
      }
    }
    PackageSpec spec = new PackageSpec(PackageId.of("bench"), "bench-source", "bench-target",
        new TemplateRef("backup", 1), 1, Optional.empty(), java.time.Instant.now(), "bench");
    new SyncPackageWriter(new PackageSigner(key, Clock.systemUTC()), format,
        new ContainerWriter.Options(durable, spec.created()),
        Runtime.getRuntime().availableProcessors(), seal).write(spec, records, medium);
  }

  private static RecordContent record(Path folder) throws Exception {
    List<PayloadFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        files.add(new PayloadFile(new PackagePath(folder.relativize(f).toString()),
            PayloadSource.ofFile(f), Optional.empty()));
      }
    }
    return new RecordContent(folder.getFileName().toString(), ChangeKind.ADD, 1, files,
        List.of());
  }

  private static void makeKey(Path p12, Path pem) throws Exception {
    SigningKey key = SigningKey.generate("bench", SignatureProfile.ECDSA_P256_SHA256,
        Clock.systemUTC(), Duration.ofDays(30));
    key.store(p12, "bench".toCharArray());
    Certificates.writePem(key.certificate(), pem);
  }

  private static void oursVerify(Path pkg, Path cert) throws Exception {
    // Trusted as the platform the benchmark's packages name as their source: a verifier
    // refuses a signer trusted under another platform's name.
    TrustStore trust = TrustStore.empty().with("bench-source", Certificates.readPem(cert));
    Verification<PackageHeader> v = new SyncPackageVerifier(trust,
        Runtime.getRuntime().availableProcessors()).verify(pkg);
    if (!v.isValid()) {
      throw new IllegalStateException("benchmark package invalid: " + v.report().findings());
    }
  }

  private static void locVerify(Path bagDir) throws Exception {
    Bag bag = new BagReader().read(bagDir);
    try (BagVerifier verifier = new BagVerifier()) {
      verifier.isValid(bag, false);
    }
  }

  private static long peakRss() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
