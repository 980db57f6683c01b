package org.gapsync.source.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptWriter;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.ledger.TestLedgers;

/** Runs the source's command line as a user would, on the home and passphrase in a folder. */
final class SourceCli {
  /** What one command printed and returned. */
  record Run(int code, String out, String err) {}

  private SourceCli() {}

  /** The examples folder: the sample holdings and templates. */
  static final Path EXAMPLES = Path.of("..", "docs", "examples").toAbsolutePath().normalize();

  /**
   * Makes a source home {@code archive-lan} in {@code dir} with the user an archivist, the
   * sample holdings scanned, and destination {@code id} added with the example {@code template}
   * and {@code key}'s certificate; returns the certificate's file.
   */
  static Path homeWithDestination(Path dir, String id, String template, SigningKey key)
      throws IOException {
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
    FileTrees.copy(EXAMPLES.resolve("holdings"), dir.resolve("holdings"));
    Path cert = dir.resolve(id + ".pem");
    Certificates.writePem(key.certificate(), cert);
    for (String[] args : List.of(new String[] {"init", "--id", "archive-lan"},
        new String[] {"user", "add", ME, "--role", "archivist"},
        new String[] {"holdings", "scan", dir.resolve("holdings").toString()},
        new String[] {"destination", "add", "--id", id, "--template",
            EXAMPLES.resolve(template).toString(), "--cert", cert.toString()})) {
      Run r = run(dir, args);
      if (r.code() != 0) {
        throw new AssertionError(String.join(" ", args) + ": exit " + r.code() + ": " + r.err());
      }
    }
    return cert;
  }

  /**
   * Plays the target: a receipt for {@code header} in which every record was applied as sent,
   * signed by {@code key}, written as a tar into a new folder under {@code dir}.
   */
  static Path receipt(Path dir, PackageHeader header, SigningKey key) throws IOException {
    List<RecordResult> results = header.records().stream().map(r -> new RecordResult(
        r.archivalId(), r.version(), RecordOutcome.APPLIED, Optional.empty(), r.files()))
        .toList();
    return new ReceiptWriter(new PackageSigner(key, Fixtures.CLOCK), ContainerFormat.TAR,
        ContainerWriter.Options.DEFAULT).write(new Receipt(
            header.packageId().receipt(), header.packageId(),
            header.sourcePlatform(), header.destination(), header.sequence(), Fixtures.NOW,
            "operator", PackageOutcome.ACCEPTED, List.of(), List.of(), results), Map.of(),
        Files.createDirectories(dir.resolve("receipt-" + System.nanoTime())));
  }

  /**
   * Builds the package for {@code destination} onto a new folder {@code media} under
   * {@code dir} and returns its verified header.
   */
  static PackageHeader build(Path dir, String destination) throws IOException {
    Path media = Files.createDirectory(dir.resolve("media"));
    Run build = run(dir, "package", "build", "--destination", destination, "--to",
        media.toString());
    if (build.code() != 0) {
      throw new AssertionError("package build: exit " + build.code() + ": " + build.err());
    }
    Path written = Path.of(build.out().substring(6, build.out().indexOf(" (sequence")));
    return new org.gapsync.format.syncpackage.SyncPackageVerifier(
        org.gapsync.format.signature.TrustStore.empty().with("archive-lan", Certificates
            .readPem(dir.resolve("home/certificate.pem"))), 2).verify(written).header()
        .orElseThrow();
  }

  /** The user the tests run commands as, unless they say another. */
  static final String ME = System.getProperty("user.name");

  /** Runs {@code args} with {@code dir}'s {@code home} and {@code passphrase} file. */
  static Run run(Path dir, String... args) {
    return runAs(dir, ME, args);
  }

  /** Runs {@code args} as the operating-system user {@code user}. */
  static Run runAs(Path dir, String user, String... args) {
    return execute(dir, SourceCommand.commandLine(Fixtures.CLOCK, user), args);
  }

  /**
   * Runs {@code args} as if Ctrl-C had been pressed as the command began: it stops at its first
   * check point.
   */
  static Run runInterrupted(Path dir, String... args) {
    var cli = SourceCommand.commandLine(Fixtures.CLOCK, ME);
    ((SourceCommand) cli.getCommand()).interruption().request();
    return execute(dir, cli, args);
  }

  /**
   * Returns what {@code init} adds to put the home's ledger where the run asks
   * ({@link TestLedgers}); nothing for other commands, or when the test names a ledger.
   */
  static List<String> ledgerOptions(String... args) {
    if (args.length == 0 || !args[0].equals("init") || List.of(args).contains("--ledger")
        || List.of(args).contains("--help")) {
      return List.of();
    }
    try {
      return TestLedgers.initOptions();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Run execute(Path dir, picocli.CommandLine cli, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cli.setOut(new PrintWriter(o));
    cli.setErr(new PrintWriter(e));
    List<String> all = new ArrayList<>(List.of("--home", dir.resolve("home").toString(),
        "--passphrase-file", dir.resolve("passphrase").toString()));
    all.addAll(List.of(args));
    all.addAll(ledgerOptions(args));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, o.toString(), e.toString());
  }
}
