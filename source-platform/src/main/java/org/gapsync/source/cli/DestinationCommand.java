package org.gapsync.source.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageId;
import org.gapsync.format.signature.Certificates;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.platform.cli.TrustCommand;
import org.gapsync.source.export.Destinations;
import org.gapsync.source.ledger.Destination;
import org.gapsync.source.ledger.SourceLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code destination}: the target platforms this source syncs to. */
@Command(name = "destination", mixinStandardHelpOptions = true,
    description = "The target platforms this source syncs to.",
    subcommands = {DestinationCommand.Add.class, DestinationCommand.ListDestinations.class})
final class DestinationCommand {
  /** {@code destination add}. */
  @Permitted(Role.ADMIN)
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Adds a destination with its template and certificate (trusted for its "
          + "receipts), and queues every record the template selects.")
  static final class Add implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "TARGET")
    private String id;

    @Option(names = "--template", required = true, paramLabel = "FILE.xml")
    private Path template;

    @Option(names = "--cert", required = true, paramLabel = "FILE.pem")
    private Path cert;

    @Override
    public Integer call() throws Exception {
      SourceCommand root = SourceCommand.root(spec);
      var certificate = Certificates.readPem(cert);
      int queued;
      try (SourceLedger ledger = root.ledger()) {
        queued = Destinations.add(ledger, id, template, certificate);
      }
      TrustCommand.trust(spec, id, cert);
      spec.commandLine().getOut().println("added destination " + id + "; " + queued
          + " records queued for it");
      return ExitCodes.OK;
    }
  }

  /** {@code destination list}. */
  @ReadsOnly
  @Permitted({Role.ADMIN, Role.ARCHIVIST, Role.AUDITOR})
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the destinations with their templates and next sequence numbers.")
  static final class ListDestinations implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (SourceLedger ledger = SourceCommand.root(spec).ledger()) {
        var all = ledger.inTransaction(tx -> tx.sync().destinations());
        out.printf("%-20s %-20s %8s %9s  %s%n", "DESTINATION", "TEMPLATE", "VERSION",
            "NEXT SEQ", "LAST PACKAGE");
        for (Destination d : all) {
          out.printf("%-20s %-20s %8d %9d  %s%n", d.id(), d.templateId(), d.templateVersion(),
              d.nextSequence(), d.lastPackageId().map(PackageId::value).orElse("-"));
        }
      }
      return ExitCodes.OK;
    }
  }
}
