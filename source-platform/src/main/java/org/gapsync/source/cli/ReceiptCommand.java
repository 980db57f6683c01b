package org.gapsync.source.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.Passphrase;
import org.gapsync.source.export.IngestResult;
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
  /** {@code receipt ingest DIR}. */
  @Permitted(Role.ARCHIVIST)
  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Verifies a receipt (folder, tar or zip; decrypted first if encrypted to "
          + "this source) and compares every record's "
          + "digests with what the ledger expects at that destination: equal is confirmed; "
          + "different, rejected or missing is failed and re-queued.")
  static final class Ingest implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "RECEIPT")
    private Path receipt;

    @Override
    public Integer call() throws Exception {
      SourceCommand root = SourceCommand.root(spec);
      IngestResult r;
      try (SourceLedger ledger = root.ledger()) {
        ReceiptIngester ingester = new ReceiptIngester(ledger, root.home().trustFolder());
        if (EnvelopeReader.isEnvelope(receipt)) {
          List<SigningKey> keys;
          try (Passphrase passphrase = root.passphrase(spec.commandLine(), false)) {
            keys = root.home().decryptionKeys(passphrase.chars());
          }
          r = ingester.ingestSealed(receipt, keys, root.home().scratchFolder());
        } else {
          r = ingester.ingest(receipt);
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      r.adopted().ifPresent(a -> out.println("the destination rotated its key: trusting its new "
          + "certificate " + Certificates.describe(a.successor()) + " from now on, announced by "
          + Certificates.describe(a.predecessor())));
      if (r.isRepeat()) {
        out.println("receipt " + r.receiptId() + " for " + r.packageId()
            + " was ingested before; nothing changed");
        return ExitCodes.OK;
      }
      out.printf("receipt %s for %s: %d confirmed, %d failed and re-queued%n", r.receiptId(),
          r.packageId(), r.confirmed().size(), r.failed().size());
      r.failed().forEach(f -> out.println("  failed: " + f));
      return ExitCodes.OK;
    }
  }
}
