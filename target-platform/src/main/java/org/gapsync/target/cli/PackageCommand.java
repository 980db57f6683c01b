package org.gapsync.target.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.platform.Plural;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.Conventions;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.Interruptible;
import org.gapsync.platform.cli.Interruption;
import org.gapsync.platform.cli.OutputFile;
import org.gapsync.platform.cli.Passphrase;
import org.gapsync.platform.cli.ProgressView;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.target.ingest.ImportOutcome;
import org.gapsync.target.ingest.ImportReport;
import org.gapsync.target.ingest.Importer;
import org.gapsync.target.ingest.TargetFolders;
import org.gapsync.target.ledger.TargetLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code package}: sync packages arriving from the sources. */
@Command(name = "package", mixinStandardHelpOptions = true,
    description = "Sync packages from the sources.",
    subcommands = {PackageCommand.Import.class, PackageCommand.Lost.class,
        org.gapsync.platform.cli.RepairCommand.class})
final class PackageCommand {
  /** {@code package import}: verifies, orders and applies packages, and writes receipts. */
  @Permitted(Role.OPERATOR)
  @Command(name = "import", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  target-platform package import /media/usb --receipt-to /media/usb/receipts",
          "  target-platform package import /media/usb --receipt-to /media/usb/receipts "
              + "--report /srv/reports/2026-12-02.html"},
      description = {"Imports every package at DIR (a package, or a folder of them: folders, "
          + ".tar or .zip files, encrypted .tar.p7m, disc images .iso), in each source's "
          + "sequence order, and writes one signed receipt per "
          + "package into the receipt folder, read back and verified.",
          "A package that fails verification is not applied and its receipt says rejected; "
          + "one whose predecessor is missing waits in the home and applies once it arrives; "
          + "one seen before gets its original receipt again; a replay is refused."})
  static final class Import implements Callable<Integer>, Interruptible {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The medium or folder holding the packages.")
    private Path medium;

    @Option(names = "--receipt-to", required = true, paramLabel = "DIR",
        description = "Where to write the receipts (usually a folder on the same medium).")
    private Path receiptTo;

    @Option(names = "--report", paramLabel = "FILE",
        description = "Also write the four-property report there: HTML if FILE ends in "
            + ".html, plain text otherwise.")
    private Optional<Path> report;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
        description = "Threads to hash with while verifying (default: ${DEFAULT-VALUE}).")
    private int threads;

    private OutputFile reportFile() {
      return OutputFile.of(report.orElseThrow(), "--report", "nothing was imported");
    }

    /**
     * Checks, before any package is touched, where this run will write: the receipt folder and
     * the report's, so that a mistyped path stops the run instead of failing after the apply.
     */
    private void checkDestinations() throws IOException {
      if (report.isPresent()) {
        reportFile().check();
      }
      checkReceiptFolder(receiptTo, "nothing was imported");
    }

    /**
     * Checks that {@code receiptTo} is a folder that can be written, creating it if need be;
     * {@code unchanged} says, in the error, that nothing was done.
     */
    static void checkReceiptFolder(Path receiptTo, String unchanged) throws IOException {
      if (Files.exists(receiptTo) && !Files.isDirectory(receiptTo)) {
        throw new java.nio.file.FileAlreadyExistsException(receiptTo.toString(), null,
            "--receipt-to is a file, not a folder; name the folder on the medium the receipts "
            + "go back on; " + unchanged);
      }
      Files.createDirectories(receiptTo);
      if (!Files.isWritable(receiptTo)) {
        throw new java.nio.file.AccessDeniedException(receiptTo.toString(), null,
            "--receipt-to cannot be written (a read-only medium?); " + unchanged);
      }
    }

    @Override
    public String whenInterrupted() {
      return "the packages reported above stay applied, with their receipts; the one in "
          + "progress was not applied and has no receipt; run 'package import' again to finish";
    }

    @Override
    public Integer call() throws Exception {
      TargetCommand root = TargetCommand.root(spec);
      PlatformHome home = root.home();
      PrintWriter out = spec.commandLine().getOut();
      checkDestinations();
      List<ImportOutcome> outcomes;
      Interruption interruption = root.interruption();
      try (TargetLedger ledger = root.ledger(spec.commandLine());
          ProgressView bars = ProgressView.onTerminal()) {
        List<SigningKey> keys;
        try (Passphrase passphrase = root.passphrase(spec.commandLine(), false)) {
          keys = home.decryptionKeys(passphrase.chars());
        }
        // From here a stop waits for the next check point: the work has begun.
        interruption.check();
        Importer importer = new Importer(ledger, TargetFolders.of(home), home.id(),
            home.trust(), keys, root.clock(), root.actor(), Math.max(1, threads),
            (name, step, total, done) -> {
              interruption.check();
              bars.show(step.label() + " " + name, step.isBytes() ? ProgressView.Unit.BYTES
                  : ProgressView.Unit.RECORDS, total, done);
            });
        outcomes = importer.importAll(medium, receiptTo, o -> {
          bars.close();
          out.println(o.name() + ": " + o.message());
          o.receipt().ifPresent(r -> out.println("  " + o.returnedAs() + ": " + r));
          out.flush();
        });
      }
      if (report.isPresent()) {
        Path file = report.get();
        boolean isHtml = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
            .matches(".*\\.html?");
        ImportReport.Context context = new ImportReport.Context(home.id(), home.setting(
            "organisation").orElse(""), root.actor(), root.clock().instant(),
            root.clock().getZone(), Conventions.software(spec));
        reportFile().writeText(w -> {
          if (isHtml) {
            ImportReport.html(context, outcomes, w);
          } else {
            ImportReport.document(context, outcomes, w);
          }
        });
        out.println("report: " + file);
      }
      long failed = outcomes.stream().filter(ImportOutcome::isFailure).count();
      if (failed > 0) {
        // A refusal (a receipt, a stranger's package, a replay) writes no receipt to carry.
        boolean isAnswered = outcomes.stream().anyMatch(o -> o.isFailure()
            && o.receipt().isPresent());
        spec.commandLine().getErr().println("error: " + failed + " of " + Plural.of(
            outcomes.size(), "package") + " rejected or refused (see above); " + (isAnswered
                ? "carry the receipts back: the source re-sends what was rejected"
                : "no receipt was written for them; each line above says what to do"));
        return ExitCodes.INVALID;
      }
      long differ = outcomes.stream().filter(o -> o.kind() == ImportOutcome.Kind.DIFFERS)
          .count();
      if (differ > 0) {
        spec.commandLine().getErr().println("warning: " + differ + " of " + Plural.of(
            outcomes.size(), "package") + " bear the id of a package applied before but "
            + "differ from it (see above); nothing of them was applied");
        return ExitCodes.DIFFERS;
      }
      return ExitCodes.OK;
    }
  }

  /** {@code package lost}: a volume of a set that will never come. */
  @Permitted(Role.OPERATOR)
  @Command(name = "lost", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  target-platform package lost archive-lan-backup-000007 --volume 2 "
              + "--reason \"disc cracked in transit\" --receipt-to /media/usb/receipts"},
      description = {"Declares volume K of a package written as a set of volumes lost or "
          + "unreadable: it will not be applied here. Writes a signed receipt that says so, "
          + "listing no record, into the receipt folder: the source then sends again exactly "
          + "the records it had put on that volume. When the other volumes have come, the "
          + "set is settled and the packages that waited for it apply.",
          "A volume that comes after all is not applied: its records are on their way again."})
  static final class Lost implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PACKAGE_ID", description = "The package id the set's volumes "
        + "share, as 'status' lists it.")
    private String packageId;

    @Option(names = "--volume", required = true, paramLabel = "K",
        description = "Which volume of the set is lost.")
    private int volume;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "What became of it, for the receipt and the audit trail.")
    private String reason;

    @Option(names = "--receipt-to", required = true, paramLabel = "DIR",
        description = "Where to write the receipt that declares it lost.")
    private Path receiptTo;

    @Override
    public Integer call() throws Exception {
      if (!org.gapsync.format.PackageId.isValid(packageId)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "not a package id: "
            + packageId);
      }
      if (reason.isBlank()) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--reason must "
            + "say what became of the volume");
      }
      TargetCommand root = TargetCommand.root(spec);
      PlatformHome home = root.home();
      PrintWriter out = spec.commandLine().getOut();
      try (TargetLedger ledger = root.ledger(spec.commandLine())) {
        List<SigningKey> keys;
        try (Passphrase passphrase = root.passphrase(spec.commandLine(), false)) {
          keys = home.decryptionKeys(passphrase.chars());
        }
        Importer importer = new Importer(ledger, TargetFolders.of(home), home.id(),
            home.trust(), keys, root.clock(), root.actor(), 1, (name, step, total, done) -> { });
        for (ImportOutcome o : importer.declareLost(org.gapsync.format.PackageId.of(
            packageId), volume, reason.strip(), receiptTo)) {
          out.println(o.name() + ": " + o.message());
          o.receipt().ifPresent(r -> out.println("  " + o.returnedAs() + ": " + r));
        }
      }
      return ExitCodes.OK;
    }
  }
}
