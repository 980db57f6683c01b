package org.gapsync.source.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageId;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.FormatOption;
import org.gapsync.platform.cli.Listing;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.platform.cli.TrustCommand;
import org.gapsync.source.export.Destinations;
import org.gapsync.source.ledger.Destination;
import org.gapsync.source.ledger.SourceLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code destination}: the target platforms this source syncs to. */
@Command(name = "destination", mixinStandardHelpOptions = true,
    description = "The target platforms this source syncs to.",
    subcommands = {DestinationCommand.Add.class, DestinationCommand.Remove.class,
        DestinationCommand.Set.class,
        DestinationCommand.ListDestinations.class})
final class DestinationCommand {
  /** {@code destination add}. */
  @Permitted(Role.ADMIN)
  @Command(name = "add", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform destination add --id reading-room --template "
              + "docs/examples/reading-room.xml --cert /media/usb/reading-room.pem"},
      description = "Adds a destination with its template and certificate (trusted for its "
          + "receipts), and queues every record the template selects.")
  static final class Add implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "TARGET",
        description = "The target platform's id, as its 'init --id' gave it: letters, digits, "
            + "'.', '_' and '-', at most 128, starting with a letter or digit.")
    private String id;

    @Option(names = "--template", required = true, paramLabel = "FILE.xml",
        description = "The template that shapes what this destination receives.")
    private Path template;

    @Option(names = "--cert", required = true, paramLabel = "FILE.pem",
        description = "The target's certificate, as its 'cert export' wrote it.")
    private Path cert;

    @Override
    public Integer call() throws Exception {
      SourceCommand root = SourceCommand.root(spec);
      // Everything that can be refused is checked before anything is saved.
      var certificate = TrustCommand.checkTrustable(spec, id, cert);
      int queued;
      try (SourceLedger ledger = root.ledger()) {
        queued = Destinations.add(ledger, id, template, certificate);
        try {
          TrustCommand.trust(spec, id, certificate);
        } catch (IOException | RuntimeException e) {
          Destinations.remove(ledger, id, true);
          throw e;
        }
      }
      spec.commandLine().getOut().println("added destination " + id + "; " + queued
          + " record" + (queued == 1 ? "" : "s") + " queued for it");
      return ExitCodes.OK;
    }
  }

  /** {@code destination remove}. */
  @Permitted(Role.ADMIN)
  @Command(name = "remove", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform destination remove --id reading-room"},
      description = {"Removes a destination: nothing is queued or sent to it any more; its "
          + "packages and their events stay in the ledger's history, and its certificate stays "
          + "trusted for receipts still to come ('trust revoke' stops that).",
          "Refused while packages sent to it have no receipt, unless --force."})
  static final class Remove implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "TARGET",
        description = "The destination to remove, as 'destination list' shows it.")
    private String id;

    @Option(names = "--force",
        description = "Remove it even though packages sent to it have no receipt: their "
            + "records are then never confirmed.")
    private boolean force;

    @Override
    public Integer call() throws Exception {
      Destinations.Removal r;
      try (SourceLedger ledger = SourceCommand.root(spec).ledger()) {
        r = Destinations.remove(ledger, id, force);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("removed destination " + id + ": " + r.cancelled() + " record version"
          + (r.cancelled() == 1 ? "" : "s") + " no longer queued for it" + (r.unanswered()
          .isEmpty() ? "" : "; " + r.unanswered().size() + " package" + (r.unanswered().size()
          == 1 ? "" : "s") + " without a receipt will confirm nothing")
          + "; its packages and events stay in the ledger's history");
      out.println("  its certificate stays trusted for its receipts; 'trust revoke --id " + id
          + " --cert FILE.pem' stops that");
      return ExitCodes.OK;
    }
  }

  /** {@code destination set}. */
  @Permitted(Role.ADMIN)
  @Command(name = "set", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform destination set --id extranet --auto on"},
      description = {"Sets how a destination is synced: with --auto on, a ferry started "
          + "without --destination builds for it what its template selects, round after "
          + "round; with --auto off only when named. Manual 'package build' works for every "
          + "destination either way."})
  static final class Set implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "TARGET",
        description = "The destination, as 'destination list' shows it.")
    private String id;

    @Option(names = "--auto", required = true, paramLabel = "on|off",
        description = "on: synced automatically by the ferry; off: only when named.")
    private String auto;

    @Override
    public Integer call() throws Exception {
      if (!auto.equals("on") && !auto.equals("off")) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--auto is on or "
            + "off, not '" + auto + "'");
      }
      try (SourceLedger ledger = SourceCommand.root(spec).ledger()) {
        ledger.inTransaction(tx -> {
          if (tx.sync().destination(id).isEmpty()) {
            throw new org.gapsync.source.export.UnknownDestinationException(id);
          }
          tx.sync().setAutoSync(id, auto.equals("on"));
          return null;
        });
      }
      spec.commandLine().getOut().println("destination " + id + (auto.equals("on")
          ? " is synced automatically: a ferry started without --destination builds for it"
          : " is synced only when named"));
      return ExitCodes.OK;
    }
  }

  /** {@code destination list}. */
  @ReadsOnly
  @Permitted({Role.ADMIN, Role.ARCHIVIST, Role.AUDITOR})
  @Command(name = "list", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform destination list",
          "  source-platform destination list --format csv"},
      description = "Lists the destinations with their templates and next sequence numbers.")
  static final class ListDestinations implements Callable<Integer> {
    /**
     * Returns the packages sent to {@code destination} that no receipt has answered yet, the
     * volumes of a set still without their receipts named: {@code archive-lan-backup-000007
     * (volumes 2 and 4 of 4)}.
     */
    private static String awaiting(org.gapsync.source.ledger.Transaction tx, String destination)
        throws IOException {
      List<String> out = new java.util.ArrayList<>();
      for (var p : tx.sync().unanswered(destination)) {
        List<Integer> open = tx.volumes().of(p.id()).stream().filter(v -> v.receiptId()
            .isEmpty()).map(v -> v.volume().number()).toList();
        int count = tx.volumes().of(p.id()).size();
        out.add(open.isEmpty() ? p.id().value() : p.id() + " (" + (open.size() == 1
            ? "volume " + open.get(0) : "volumes " + open.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", "))) + " of " + count + ")");
      }
      return String.join("; ", out);
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (SourceLedger ledger = SourceCommand.root(spec).ledger()) {
        var all = ledger.inTransaction(tx -> tx.sync().destinations());
        java.util.Set<String> auto = java.util.Set.copyOf(ledger.inTransaction(
            tx -> tx.sync().autoSynced()));
        try (Listing list = format.list(out, "destination", "template", "templateVersion",
            "nextSequence", "lastPackage", "awaitingReceipts", "auto")) {
          for (Destination d : all) {
            String awaiting = ledger.inTransaction(tx -> awaiting(tx, d.id()));
            list.row(d.id(), d.templateId(), d.templateVersion(), d.nextSequence(),
                d.lastPackageId().map(PackageId::value), awaiting, auto.contains(d.id())
                    ? "on" : "off");
          }
        }
      }
      return ExitCodes.OK;
    }
  }
}
