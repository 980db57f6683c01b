package org.gapsync.target.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gapsync.format.receipt.DamagedRecord;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.platform.Plural;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.FormatOption;
import org.gapsync.platform.cli.Listing;
import org.gapsync.platform.cli.Passphrase;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.target.ingest.DamageReporter;
import org.gapsync.target.ingest.TargetFolders;
import org.gapsync.target.ledger.FileEvent;
import org.gapsync.target.ledger.ReplicaFile;
import org.gapsync.target.ledger.ReplicaRecord;
import org.gapsync.target.ledger.TargetLedger;
import org.gapsync.target.replica.ReplicaStore;
import org.gapsync.target.replica.ReplicaVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code replica}: the replica store, checked against the ledger. */
@Command(name = "replica", mixinStandardHelpOptions = true, description = "The replica store.",
    subcommands = {ReplicaCommand.Verify.class, ReplicaCommand.ReportDamage.class,
        ReplicaCommand.Show.class})
final class ReplicaCommand {
  /** {@code replica verify}. */
  @ReadsOnly
  @Permitted({Role.OPERATOR, Role.AUDITOR})
  @Command(name = "verify", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  target-platform replica verify"},
      description = "Re-reads the whole replica and compares it with the ledger; reports "
          + "every missing, extra or changed file. Exit 3 if there is any.")
  static final class Verify implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      TargetCommand root = TargetCommand.root(spec);
      ReplicaStore store = new ReplicaStore(TargetFolders.of(root.home()).replica());
      ReplicaVerifier.Result result;
      Map<String, Set<String>> damaged = new TreeMap<>();
      try (TargetLedger ledger = root.ledger(spec.commandLine())) {
        result = ledger.inTransaction(tx -> new ReplicaVerifier(store).verify(
            tx.replica()::forEachExpected));
        for (String difference : result.differences()) {
          // "SOURCE/FOLDER/PATH: what": the record whose folder holds it goes again whole.
          String path = difference.substring(0, difference.indexOf(": "));
          ledger.inTransaction(tx -> tx.replica().recordHolding(path)).ifPresent(r -> damaged
              .computeIfAbsent(r.sourceId(), s -> new TreeSet<>()).add(r.archivalId()));
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      result.differences().forEach(out::println);
      if (!result.isClean()) {
        String home = root.home().id();
        damaged.forEach((source, ids) -> out.println("to repair, the archivist of " + source
            + " runs: source-platform package build --destination " + home + " --to MEDIUM "
            + "--resend " + String.join(",", ids)));
        spec.commandLine().getErr().println("error: the replica differs from the ledger in "
            + Plural.of(result.differences().size(), "file") + " (listed above); write the "
            + "damage report for the sources with 'replica report-damage --receipt-to DIR' and "
            + "carry it back with the receipts, or have the source re-send the records named; "
            + "then import that package");
        return ExitCodes.INVALID;
      }
      out.println("replica " + store.root() + " verified: " + result.files() + " files, "
          + result.bytes() + " bytes, all as the ledger says");
      return ExitCodes.OK;
    }
  }

  /** {@code replica report-damage --receipt-to DIR}. */
  @Permitted(Role.OPERATOR)
  @Command(name = "report-damage", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  target-platform replica report-damage --receipt-to /media/usb/receipts"},
      description = {"Re-reads the whole replica as 'replica verify' does and, for each source "
          + "whose records are damaged (a file missing, extra or changed), writes a signed "
          + "damage report into the receipt folder, read back and verified: each record with "
          + "what is wrong and its files as they are now. Encrypted to the source when its "
          + "certificate allows.",
          "At the source, 'receipt ingest' of that folder queues the records again; the next "
          + "package carries exactly what the damage took. The ledger keeps the damage until "
          + "a package applies the record again ('status' shows it). Exit 3 if there was any "
          + "damage, 0 if the replica is whole."})
  static final class ReportDamage implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--receipt-to", required = true, paramLabel = "DIR",
        description = "Where to write the damage reports: the folder the receipts go back in.")
    private Path receiptTo;

    @Override
    public Integer call() throws Exception {
      PackageCommand.Import.checkReceiptFolder(receiptTo, "the replica was not read");
      TargetCommand root = TargetCommand.root(spec);
      PlatformHome home = root.home();
      SigningKey key;
      try (Passphrase passphrase = root.passphrase(spec.commandLine(), false)) {
        key = home.key(passphrase.chars());
      }
      DamageReporter.Result r;
      try (TargetLedger ledger = root.ledger(spec.commandLine())) {
        r = new DamageReporter(ledger, TargetFolders.of(home), home.id(), home.trust(), key,
            root.clock(), root.actor()).report(receiptTo);
      }
      PrintWriter out = spec.commandLine().getOut();
      r.verification().differences().forEach(out::println);
      r.damaged().forEach((source, records) -> out.println("damage report for " + source
          + ": " + Plural.of(records.size(), "damaged record") + " ("
          + records.stream().map(DamagedRecord::archivalId).collect(Collectors.joining(", "))
          + "), written to " + r.reports().get(source)));
      if (!r.unattributed().isEmpty()) {
        out.println(Plural.of(r.unattributed().size(), "difference") + " in no record's "
            + "folder, which no package restores: move or remove by hand what is not the "
            + "replica's");
      }
      if (r.verification().isClean()) {
        out.println("replica verified: " + Plural.of(r.verification().files(), "file")
            + ", all as the ledger says; no damage report written");
        return ExitCodes.OK;
      }
      spec.commandLine().getErr().println("error: the replica differs from the ledger in "
          + Plural.of(r.verification().differences().size(), "file") + " (listed above); "
          + (r.reports().isEmpty() ? "" : "carry " + receiptTo + " back to "
              + String.join(" and ", r.reports().keySet()) + " and run 'receipt ingest' on "
              + "it there; the next package restores the records"));
      return ExitCodes.INVALID;
    }
  }

  /** {@code replica show ID}. */
  @ReadsOnly
  @Permitted({Role.OPERATOR, Role.AUDITOR})
  @Command(name = "show", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  target-platform replica show F001-1998-0001",
          "  target-platform replica show F001-1998-0001 --format csv"},
      description = "Shows a record: its version, files and digests, and the packages that "
          + "brought them.")
  static final class Show implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The record's archival id.")
    private String archivalId;

    @Option(names = "--source", paramLabel = "SOURCE",
        description = "The source platform, when several sent a record with this id.")
    private Optional<String> source;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() throws Exception {
      TargetCommand root = TargetCommand.root(spec);
      PrintWriter out = spec.commandLine().getOut();
      try (TargetLedger ledger = root.ledger(spec.commandLine())) {
        List<ReplicaRecord> records = ledger.inTransaction(tx -> tx.replica().records(
            archivalId)).stream().filter(r -> source.map(r.sourceId()::equals).orElse(true))
            .toList();
        if (records.isEmpty()) {
          throw new UsageException("record " + archivalId + " is not in this replica"
              + source.map(s -> " from " + s).orElse("") + "; 'status' lists what arrived");
        }
        if (!format.isTable()) {
          list(ledger, records, out);
          return ExitCodes.OK;
        }
        for (ReplicaRecord r : records) {
          out.println("record " + r.archivalId() + " from " + r.sourceId() + ", version "
              + r.version() + (r.isDeleted() ? ", DELETED" : "") + ", folder " + r.sourceId()
              + "/" + r.folder() + ", last changed by " + r.packageId() + " at "
              + r.updatedAt());
          for (ReplicaFile f : ledger.inTransaction(tx -> tx.replica().files(r.sourceId(),
              r.archivalId()))) {
            out.printf("  %-40s %10d  sha256 %s  from %s%n", f.path(), f.size(), f.sha256(),
                f.packageId());
          }
          out.println("  history:");
          for (FileEvent e : ledger.inTransaction(tx -> tx.replica().history(r.sourceId(),
              r.archivalId()))) {
            out.printf("    %s  %-36s %-7s %s %s%n", e.at(), e.packageId(), e.action(),
                e.path(), e.sha256().isEmpty() ? "" : e.sha256().substring(0, 16) + "...");
          }
        }
      }
      return ExitCodes.OK;
    }

    /** Lists the records' files, one row each, for programs. */
    private void list(TargetLedger ledger, List<ReplicaRecord> records, PrintWriter out)
        throws java.io.IOException {
      try (Listing list = format.list(out, "source", "archivalId", "version", "deleted",
          "path", "size", "sha256", "packageId")) {
        for (ReplicaRecord r : records) {
          for (ReplicaFile f : ledger.inTransaction(tx -> tx.replica().files(r.sourceId(),
              r.archivalId()))) {
            list.row(r.sourceId(), r.archivalId(), r.version(), r.isDeleted(), f.path(),
                f.size(), f.sha256(), f.packageId());
          }
        }
      }
    }
  }
}
