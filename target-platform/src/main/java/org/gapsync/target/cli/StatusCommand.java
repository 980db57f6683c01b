package org.gapsync.target.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageId;
import org.gapsync.platform.Plural;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.platform.ferry.FerryStatus;
import org.gapsync.target.ledger.ReceivedPackage;
import org.gapsync.target.ledger.ReplicaDamage;
import org.gapsync.target.ledger.SetProgress;
import org.gapsync.target.ledger.SourceProgress;
import org.gapsync.target.ledger.TargetLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code status}: where each source's packages stand on this target. */
@ReadsOnly
@Permitted({Role.OPERATOR, Role.AUDITOR})
@Command(name = "status", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  target-platform status"},
    description = "Shows, per source, the last sequence applied, the sets of volumes in "
        + "progress (which volumes are applied, which still to come), the packages waiting for a "
        + "missing predecessor, the last receipts written, the records 'replica "
        + "report-damage' found damaged that no package has restored yet, and the ferry's last "
        + "round, with the files in its inbox not yet whole.")
final class StatusCommand implements Callable<Integer> {
  enum Format { table, json }

  @Spec
  private CommandSpec spec;

  @Option(names = "--format", defaultValue = "table",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private Format format;

  @Option(names = "--receipts", defaultValue = "5", paramLabel = "N",
      description = "How many of the last receipts to list (default: ${DEFAULT-VALUE}).")
  private int receipts;

  @Override
  public Integer call() throws Exception {
    TargetCommand root = TargetCommand.root(spec);
    List<SourceProgress> progress;
    List<ReceivedPackage> waiting;
    List<ReceivedPackage> last;
    List<ReplicaDamage> damage;
    List<SetProgress> sets;
    try (TargetLedger ledger = root.ledger(spec.commandLine())) {
      progress = ledger.inTransaction(tx -> tx.packages().allProgress());
      sets = ledger.inTransaction(tx -> tx.packages().setsInProgress());
      waiting = ledger.inTransaction(tx -> tx.packages().waiting());
      last = ledger.inTransaction(tx -> tx.packages().lastReceipts(Math.max(0, receipts)));
      damage = ledger.inTransaction(tx -> tx.replica().damage());
    }
    Optional<FerryStatus> ferry = FerryStatus.read(root.home().root().resolve("ferry"));
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      json(out, progress, sets, waiting, last, damage, ferry);
      return ExitCodes.OK;
    }
    out.printf("%-24s %14s  %s%n", "SOURCE", "LAST SEQUENCE", "LAST PACKAGE");
    progress.forEach(p -> out.printf("%-24s %14d  %s%n", p.sourceId(), p.lastSequence(),
        p.lastPackageId().map(PackageId::value).orElse("-")));
    if (!sets.isEmpty()) {
      out.println("sets of volumes in progress:");
    }
    sets.forEach(v -> out.println("  " + v.describe()));
    out.println(waiting.isEmpty() ? "no package waiting" : "waiting:");
    waiting.forEach(p -> out.printf("  %-36s sequence %d: %s%n", p.packageId(), p.sequence(),
        p.detail()));
    out.println(last.isEmpty() ? "no receipt written yet" : "last receipts:");
    last.forEach(p -> out.printf("  %s  %-36s %s%n", p.receiptAt().orElseThrow(),
        p.receiptId().orElseThrow(), p.state().name().toLowerCase(java.util.Locale.ROOT)));
    if (!damage.isEmpty()) {
      out.println("damaged, until a package restores them:");
    }
    damage.forEach(d -> out.printf("  %-24s from %s, found %s, reported in %s%n",
        d.archivalId(), d.sourceId(), d.foundAt(), d.reportId()));
    ferry.ifPresent(f -> out.println("ferry: last round " + f.at() + ": " + f.summary()
        + (f.notWhole() == 0 ? "" : "; " + Plural.of(f.notWhole(), "file") + " in the inbox "
            + "not yet whole")));
    return ExitCodes.OK;
  }

  private static void json(PrintWriter out, List<SourceProgress> progress,
      List<SetProgress> sets, List<ReceivedPackage> waiting, List<ReceivedPackage> last,
      List<ReplicaDamage> damage, Optional<FerryStatus> ferry) throws IOException {
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeArrayFieldStart("sources");
      for (SourceProgress p : progress) {
        json.writeStartObject();
        json.writeStringField("source", p.sourceId());
        json.writeNumberField("lastSequence", p.lastSequence());
        json.writeStringField("lastPackage", p.lastPackageId().map(PackageId::value)
            .orElse(null));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("volumeSets");
      for (SetProgress v : sets) {
        json.writeStartObject();
        json.writeStringField("package", v.packageId().value());
        json.writeStringField("source", v.sourceId());
        json.writeNumberField("sequence", v.sequence());
        json.writeNumberField("volumes", v.count());
        writeNumbers(json, "applied", v.applied());
        writeNumbers(json, "rejected", v.rejected());
        writeNumbers(json, "kept", v.kept());
        writeNumbers(json, "lost", v.lost());
        writeNumbers(json, "missing", v.missing());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("waiting");
      for (ReceivedPackage p : waiting) {
        json.writeStartObject();
        json.writeStringField("package", p.packageId().value());
        json.writeStringField("source", p.sourceId());
        json.writeNumberField("sequence", p.sequence());
        json.writeStringField("detail", p.detail());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("lastReceipts");
      for (ReceivedPackage p : last) {
        json.writeStartObject();
        json.writeStringField("receipt", p.receiptId().orElseThrow().value());
        json.writeStringField("package", p.packageId().value());
        json.writeStringField("outcome", p.state().name().toLowerCase(java.util.Locale.ROOT));
        json.writeStringField("writtenAt", p.receiptAt().orElseThrow().toString());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("damaged");
      for (ReplicaDamage d : damage) {
        json.writeStartObject();
        json.writeStringField("archivalId", d.archivalId());
        json.writeStringField("source", d.sourceId());
        json.writeNumberField("version", d.version());
        json.writeStringField("damage", d.damage());
        json.writeStringField("foundAt", d.foundAt().toString());
        json.writeStringField("report", d.reportId().value());
        json.writeEndObject();
      }
      json.writeEndArray();
      if (ferry.isPresent()) {
        json.writeObjectFieldStart("ferry");
        json.writeStringField("lastRound", ferry.get().at().toString());
        json.writeStringField("summary", ferry.get().summary());
        json.writeNumberField("inboxNotWhole", ferry.get().notWhole());
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    out.println();
  }

  private static void writeNumbers(JsonGenerator json, String name, List<Integer> numbers)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (int n : numbers) {
      json.writeNumber(n);
    }
    json.writeEndArray();
  }
}
