package org.gapsync.source.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.FormatOption;
import org.gapsync.platform.cli.Listing;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.source.export.Queue;
import org.gapsync.source.export.QueueEntry;
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
    List<QueueEntry> entries;
    try (SourceLedger ledger = SourceCommand.root(spec).ledger()) {
      entries = Queue.of(ledger, destination);
    }
    if (entries.isEmpty() && format.isTable()) {
      out.println("nothing queued" + destination.map(d -> " for " + d).orElse(""));
      return ExitCodes.OK;
    }
    try (Listing list = format.list(out, "destination", "archivalId", "version", "change",
        "attempts", "why")) {
      for (QueueEntry e : entries) {
        list.row(e.destination(), e.archivalId(), e.version(), e.change(), e.attempts(),
            e.reason());
      }
    }
    return ExitCodes.OK;
  }
}
