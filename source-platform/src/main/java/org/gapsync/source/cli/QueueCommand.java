package org.gapsync.source.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.FormatOption;
import org.gapsync.platform.cli.Listing;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.source.export.Queue;
import org.gapsync.source.ledger.SourceLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code queue}: what each destination still needs, and why. */
@ReadsOnly
@Permitted({Role.ARCHIVIST, Role.AUDITOR})
@Command(name = "queue", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  source-platform queue --destination reading-room",
        "  source-platform queue --format json"},
    description = "Lists what each destination still needs — new records and changes its "
        + "template selects, and anything re-queued after a failed receipt — and why.")
final class QueueCommand implements java.util.concurrent.Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--destination", paramLabel = "TARGET",
      description = "Only what this destination needs (default: every destination).")
  private Optional<String> destination;

  @Mixin
  private FormatOption format;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    // The listing starts with the first entry, so that an empty table can say so instead.
    Listing[] list = {null};
    try (SourceLedger ledger = SourceCommand.root(spec).ledger()) {
      Queue.forEach(ledger, destination, e -> {
        if (list[0] == null) {
          list[0] = listing(out);
        }
        list[0].row(e.destination(), e.archivalId(), e.version(), e.change(), e.attempts(),
            e.reason());
      });
      if (list[0] == null && format.isTable()) {
        out.println("nothing queued" + destination.map(d -> " for " + d).orElse(""));
        return ExitCodes.OK;
      }
      // Closing prints what a table held back to measure its columns, or ends the JSON array.
      (list[0] == null ? listing(out) : list[0]).close();
    }
    return ExitCodes.OK;
  }

  private Listing listing(PrintWriter out) throws java.io.IOException {
    return format.list(out, "destination", "archivalId", "version", "change", "attempts",
        "why");
  }
}
