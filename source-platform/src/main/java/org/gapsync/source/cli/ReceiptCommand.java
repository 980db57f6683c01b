package org.gapsync.source.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.platform.Plural;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.Interruptible;
import org.gapsync.platform.cli.Interruption;
import org.gapsync.platform.cli.Passphrase;
import org.gapsync.source.export.DamageResult;
import org.gapsync.source.export.GapResult;
import org.gapsync.source.export.IngestResult;
import org.gapsync.source.export.Ingested;
import org.gapsync.source.export.ReceiptIngester;
import org.gapsync.source.ledger.SourceLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code receipt}: receipts from the targets. */
@Command(name = "receipt", mixinStandardHelpOptions = true,
    description = "Receipts from the targets.", subcommands = ReceiptCommand.Ingest.class)
final class ReceiptCommand {
  /** {@code receipt ingest RECEIPT|DIR}. */
  @Permitted(Role.ARCHIVIST)
  @Command(name = "ingest", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform receipt ingest /media/usb/receipts",
          "  source-platform receipt ingest "
              + "/media/usb/receipts/archive-lan-reading-room-000001.receipt.tar"},
      description = {"Verifies a receipt (folder, tar or zip; decrypted first if encrypted to "
          + "this source) and compares every record's digests with what the ledger expects at "
          + "that destination: equal is confirmed; different, rejected or missing is failed and "
          + "re-queued.",
          "A damage report (written by the target's 'replica report-damage') queues again "
          + "each record it names that was confirmed there; the next package carries what the "
          + "damage took.",
          "Given the folder the receipts came back in, ingests every receipt in it, in each "
          + "destination's sequence order, then the damage reports, and reports each; one that "
          + "is refused does not stop the others."})
  static final class Ingest implements Callable<Integer>, Interruptible {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "RECEIPT|DIR",
        description = "A receipt, or the folder of receipts on the medium that came back.")
    private Path receipt;

    /** The keys to open encrypted receipts with, once asked for. */
    private List<SigningKey> keys = List.of();

    @Override
    public String whenInterrupted() {
      return "the receipts reported above are recorded; the one in progress was not (a "
          + "receipt is recorded whole or not at all); run 'receipt ingest' again: those "
          + "ingested before change nothing";
    }

    @Override
    public Integer call() throws Exception {
      if (!Files.exists(receipt, LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchFileException(receipt.toString(), null, "no such receipt or folder; "
            + "check the path (is the medium mounted?)");
      }
      SourceCommand root = SourceCommand.root(spec);
      boolean isFolder = isFolderOfReceipts(receipt);
      List<Path> receipts = isFolder ? receiptsIn(receipt) : List.of(receipt);
      for (Path r : receipts) {
        if (EnvelopeReader.isEnvelope(r)) {
          try (Passphrase passphrase = root.passphrase(spec.commandLine(), false)) {
            keys = root.home().decryptionKeys(passphrase.chars());
          }
          break;
        }
      }
      // From here a stop waits for the next check point: the work has begun.
      root.interruption().check();
      try (SourceLedger ledger = root.ledger()) {
        ReceiptIngester ingester = new ReceiptIngester(ledger, root.home().id(),
            root.home().trustFolder());
        if (!isFolder) {
          return report(ingest(ingester, receipt));
        }
        return ingestAll(ingester, receipts, root.interruption());
      }
    }

    /** How damage reports and gap notices are named: {@code …-damage-…}, {@code gap-…}. */
    private static final java.util.regex.Pattern RETURNED = java.util.regex.Pattern.compile(
        "(^|-)(damage|gap)-");

    /** Returns the receipts in {@code folder}, saying which other files it leaves alone. */
    private List<Path> receiptsIn(Path folder) throws IOException {
      List<Path> found;
      try (var entries = Files.list(folder)) {
        found = entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
            .toList();
      }
      List<Path> receipts = new ArrayList<>();
      for (Path p : found) {
        String name = p.getFileName().toString();
        if (name.contains("receipt") || RETURNED.matcher(name).find()) {
          receipts.add(p);
        } else {
          spec.commandLine().getOut().println("skipped " + p.getFileName() + ": not named as a "
              + "receipt, a damage report or a gap notice");
        }
      }
      if (receipts.isEmpty()) {
        throw new NoSuchFileException(folder.toString(), null, "holds no receipt; name the "
            + "folder the target wrote them into ('package import --receipt-to')");
      }
      return receipts;
    }

    private int ingestAll(ReceiptIngester ingester, List<Path> receipts,
        Interruption interruption) throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      int code = ExitCodes.OK;
      int refused = 0;
      for (Path r : ingester.inSequenceOrder(receipts)) {
        interruption.check();
        try {
          report(ingest(ingester, r));
        } catch (IOException | UsageException e) {
          refused++;
          err.println("error: " + ExitCodes.message(e));
          code = code == ExitCodes.OK ? ExitCodes.of(e) : code;
        }
      }
      out.printf("%d of %d receipts ingested%s%n", receipts.size() - refused, receipts.size(),
          refused == 0 ? "" : "; " + refused + " refused (see above)");
      return code;
    }

    /** A receipt in folder form holds its bag's declaration; a folder of receipts does not. */
    private static boolean isFolderOfReceipts(Path path) {
      return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
          && !Files.exists(path.resolve("bagit.txt"), LinkOption.NOFOLLOW_LINKS);
    }

    private Ingested ingest(ReceiptIngester ingester, Path path) throws IOException {
      if (!EnvelopeReader.isEnvelope(path)) {
        return ingester.ingest(path);
      }
      return ingester.ingestSealed(path, keys, SourceCommand.root(spec).home().scratchFolder());
    }

    private int report(Ingested ingested) {
      PrintWriter out = spec.commandLine().getOut();
      ingested.adopted().ifPresent(a -> out.println("the destination rotated its key: trusting "
          + "its new certificate " + Certificates.describe(a.successor()) + " from now on, "
          + "announced by " + Certificates.describe(a.predecessor())));
      if (ingested instanceof DamageResult d) {
        return report(d);
      }
      if (ingested instanceof GapResult g) {
        return report(g);
      }
      IngestResult r = (IngestResult) ingested;
      if (r.isRepeat()) {
        out.println("receipt " + r.receiptId() + " for " + r.packageId()
            + " was ingested before; nothing changed");
        return ExitCodes.OK;
      }
      out.printf("receipt %s for %s: %d confirmed, %d failed and re-queued%n", r.receiptId(),
          r.packageId(), r.confirmed(), r.failed().size());
      r.failed().forEach(f -> out.println("  failed: " + f));
      out.flush();
      return ExitCodes.OK;
    }

    private int report(GapResult g) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("gap notice " + g.noticeId() + " from " + g.destination() + ": it has "
          + "applied up to sequence " + g.lastSequence() + " and holds " + g.held().stream()
          .map(Object::toString).collect(java.util.stream.Collectors.joining(", "))
          + " until the packages it waits for come; nothing changed here");
      for (GapResult.Missing m : g.missing()) {
        out.println("  waits for " + m.packageId() + " (sequence " + m.sequence() + "): "
            + (!m.isBuilt() ? "never built here: the destination's ledger is out of step with "
                + "this one; ask its operator" : m.isAnswered() ? "its receipt has come since "
                + "(the notice is older): nothing to do" : "bring its medium to "
                + g.destination() + " (a ferry sends it again by itself)"));
      }
      out.flush();
      return ExitCodes.OK;
    }

    private int report(DamageResult d) {
      PrintWriter out = spec.commandLine().getOut();
      if (d.isRepeat()) {
        out.println("damage report " + d.reportId() + " was ingested before; nothing changed");
        return ExitCodes.OK;
      }
      out.println("damage report " + d.reportId() + " from " + d.destination() + ": "
          + Plural.of(d.requeued().size(), "record") + " queued again"
          + (d.requeued().isEmpty() ? "" : "; the next 'package build --destination "
              + d.destination() + "' carries what the damage took"));
      d.requeued().forEach(f -> out.println("  queued again: " + f));
      d.noted().forEach(f -> out.println("  noted: " + f));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
