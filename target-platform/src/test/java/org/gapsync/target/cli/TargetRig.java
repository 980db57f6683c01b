package org.gapsync.target.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageId;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptVerifier;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.format.syncpackage.PayloadFile;
import org.gapsync.format.syncpackage.RecordContent;
import org.gapsync.format.syncpackage.TemplateRef;
import org.gapsync.format.syncpackage.WrittenPackage;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.ledger.TestLedgers;

/**
 * A target platform in a temporary folder with a source that trusts it: runs the command line
 * and writes the source's packages, as the target's tests need.
 */
final class TargetRig {
  static final String SOURCE = Fixtures.SOURCE;
  static final String TARGET = Fixtures.TARGET;
  final Path dir;
  final Path home;
  final Path passphrase;
  final Path media;
  final Path receipts;
  final SigningKey sourceKey = Fixtures.key(SOURCE);

  /** What one command printed and returned. */
  record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  TargetRig(Path dir) throws IOException {
    this.dir = dir;
    this.home = dir.resolve("target-home");
    this.passphrase = dir.resolve("passphrase.txt");
    this.media = dir.resolve("media");
    this.receipts = dir.resolve("receipts");
    Files.createDirectories(dir);
    Files.writeString(passphrase, "target secret\n");
    Files.createDirectories(media);
  }

  /** Makes the home and trusts the source, failing loudly if either does not work. */
  TargetRig init(String... initOptions) throws IOException {
    List<String> init = new ArrayList<>(List.of("init", "--id", TARGET));
    init.addAll(List.of(initOptions));
    check(run(init.toArray(String[]::new)));
    check(run("user", "add", System.getProperty("user.name"), "--role", "operator"));
    Path pem = dir.resolve("source.pem");
    Certificates.writePem(sourceKey.certificate(), pem);
    check(run("trust", "add", "--id", SOURCE, "--cert", pem.toString()));
    return this;
  }

  Run run(String... args) {
    return runAs(System.getProperty("user.name"), args);
  }

  /** Runs {@code args} as the operating-system user {@code user}. */
  Run runAs(String user, String... args) {
    return execute(TargetCommand.commandLine(Fixtures.CLOCK, user), args);
  }

  /** Imports from {@code medium} as if Ctrl-C came as it began: it stops at its first check. */
  Run interruptedImportFrom(Path medium) {
    var cli = TargetCommand.commandLine(Fixtures.CLOCK, System.getProperty("user.name"));
    ((TargetCommand) cli.getCommand()).interruption().request();
    return execute(cli, "package", "import", medium.toString(), "--receipt-to",
        receipts.toString());
  }

  private Run execute(picocli.CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--passphrase-file",
        passphrase.toString()));
    all.addAll(List.of(args));
    if (args.length > 0 && args[0].equals("init") && !all.contains("--ledger")
        && !all.contains("--help")) {
      try {
        all.addAll(TestLedgers.initOptions());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  Run importFrom(Path medium) {
    return run("package", "import", medium.toString(), "--receipt-to", receipts.toString());
  }

  static void check(Run r) {
    if (r.code() != 0) {
      throw new AssertionError("exit " + r.code() + ": " + r.all());
    }
  }

  /** Returns the package id of sequence {@code seq}. */
  static String id(long seq) {
    return SOURCE + "-" + TARGET + "-" + String.format("%06d", seq);
  }

  static PackageSpec spec(long seq) {
    return spec(seq, id(seq), seq == 1 ? Optional.empty() : Optional.of(id(seq - 1)));
  }

  static PackageSpec spec(long seq, String id, Optional<String> previous) {
    return new PackageSpec(PackageId.of(id), SOURCE, TARGET, new TemplateRef("backup", 1), seq,
        previous.map(PackageId::of), Fixtures.NOW, "archivist");
  }

  /** Writes a package of {@code records} signed by the source into a folder of its own. */
  WrittenPackage write(PackageSpec spec, List<RecordContent> records, ContainerFormat format)
      throws IOException {
    return write(spec, records, format, sourceKey);
  }

  WrittenPackage write(PackageSpec spec, List<RecordContent> records, ContainerFormat format,
      SigningKey key) throws IOException {
    Path folder = Files.createDirectories(media.resolve("seq-" + spec.sequence() + "-"
        + spec.packageId().value().length() + "-" + System.nanoTime()));
    return Fixtures.writer(key, format).write(spec, records, folder);
  }

  static PayloadFile metadata(String id) {
    try {
      byte[] xml = new RecordMetadata(Map.of("identifier", id, "title", "Record " + id,
          "fonds", "F001", "year", "2020", "retention", "permanent", "openness", "open"))
          .toXml();
      return new PayloadFile(new org.gapsync.format.PackagePath("metadata.xml"),
          org.gapsync.format.bag.PayloadSource.ofBytes(xml), Optional.empty());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static PayloadFile file(String path, String text) {
    return Fixtures.file(path, text);
  }

  /** Returns every file of the replica, by path under its root, with its digest. */
  Map<String, String> replica() throws IOException {
    Path root = home.resolve("replica");
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(root.relativize(p).toString().replace('\\', '/'),
              Digest.of(DigestAlgorithm.SHA256, Files.readAllBytes(p)).hex());
        }
      }
    }
    return out;
  }

  /** Reads and verifies the receipt for package {@code packageId}, trusting the target. */
  Receipt receipt(String packageId) throws IOException {
    Path found;
    try (Stream<Path> s = Files.list(receipts)) {
      found = s.filter(p -> p.getFileName().toString().startsWith(packageId + ".receipt"))
          .findFirst().orElseThrow(() -> new AssertionError("no receipt for " + packageId));
    }
    var cert = Certificates.readPem(home.resolve("certificate.pem"));
    Verification<Receipt> v = new ReceiptVerifier(TrustStore.empty().with(TARGET, cert))
        .verify(found);
    if (!v.isValid()) {
      throw new AssertionError("receipt does not verify: " + v.report().findings());
    }
    return v.header().orElseThrow();
  }

  boolean hasReceipt(String packageId) throws IOException {
    if (!Files.isDirectory(receipts)) {
      return false;
    }
    try (Stream<Path> s = Files.list(receipts)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith(packageId + ".receipt"));
    }
  }
}
