package org.gapsync.platform.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.audit.AuditPremis;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.premis.PremisWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger export-premis}: the ledger's events as a PREMIS 3 document. */
@ReadsOnly
@Permitted({Role.ADMIN, Role.ARCHIVIST, Role.OPERATOR, Role.AUDITOR})
@Command(name = "export-premis", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  ${ROOT-COMMAND-NAME} ledger export-premis --out /media/audit/premis.xml"},
    description = "Writes the ledger as a PREMIS 3 document: its records and packages as "
        + "objects, every audit trail event and every sync event (transfer, fixity check, "
        + "ingestion, validation, digital signature validation, replication, deletion...) as "
        + "events, and the users and software that acted as agents.")
public final class PremisExportCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE.xml",
      description = "Where to write it; written beside it first and renamed when complete.")
  private Path out;

  @Override
  public Integer call() throws Exception {
    PlatformRoot root = PlatformRoot.of(spec);
    String platform = root.home().id();
    String software = Conventions.software(spec);
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    PremisWriter.Counts counts;
    try (Ledger<?> ledger = root.ledger(spec.commandLine())) {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
        PremisWriter premis = new PremisWriter(file, platform, software);
        AuditPremis.export(ledger, platform, premis);
        premis.close();
        counts = premis.counts();
      }
      Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    spec.commandLine().getOut().printf("wrote %s: PREMIS 3, %d objects, %d events, %d agents%n",
        out, counts.objects(), counts.events(), counts.agents());
    return ExitCodes.OK;
  }
}
