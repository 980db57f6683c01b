package org.gapsync.source.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageId;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.OutputFile;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.platform.form.FormPdf;
import org.gapsync.platform.form.TransferForm;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.report.PackageForms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code package form}: a package's transfer registration form, as a PDF to print and seal. */
@ReadsOnly
@Permitted({Role.ARCHIVIST, Role.AUDITOR})
@Command(name = "form", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  source-platform package form archive-lan-backup-000007 --out form-000007.pdf",
        "  source-platform package form archive-lan-backup-000007 --out form.pdf --lang en"},
    description = "Writes the transfer registration form (移交登记表) of a package as a PDF: "
        + "the name of the transfer, both units, the content description, the records, files "
        + "and data transferred, the media's numbers, kind and capacity (online for the "
        + "ferry), the four-property checks, each side's blocks to fill in, sign and seal, an "
        + "annex listing each medium with its manifest digest and size, and a QR code a "
        + "machine checks the form against the media with (package-verify --form).")
final class PackageFormCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "PACKAGE_ID", description = "The package, as 'destination list' or "
      + "'ledger query' name it.")
  private String packageId;

  @Option(names = "--out", required = true, paramLabel = "FILE.pdf",
      description = "Where to write it: a new file, renamed into place when complete.")
  private Path out;

  @Option(names = "--lang", defaultValue = "zh", paramLabel = "LANG",
      description = "zh (Chinese, as the transfer rules write it) or en (default: "
          + "${DEFAULT-VALUE}).")
  private FormPdf.Lang lang;

  @Option(names = "--font", paramLabel = "FILE.ttf",
      description = "A TrueType font (.ttf, or .ttc) with Chinese and Latin glyphs to set it "
          + "in (default: /usr/share/fonts/truetype/wqy/wqy-microhei.ttc, from the Debian "
          + "package fonts-wqy-microhei).")
  private Optional<Path> font;

  @Override
  public Integer call() throws Exception {
    PackageId id;
    try {
      id = PackageId.of(packageId);
    } catch (IllegalArgumentException e) {
      throw new UsageException("'" + packageId + "' is not a package id: " + e.getMessage());
    }
    OutputFile file = OutputFile.of(out, "--out", "no form was written");
    file.check();
    Path typeface = FormPdf.font(font);
    SourceCommand root = SourceCommand.root(spec);
    TransferForm form;
    try (SourceLedger ledger = root.ledger()) {
      form = new PackageForms(ledger, root.clock().getZone()).read(id, lang, root.home().id(),
          root.home().setting("organisation").orElse(""));
    }
    file.write(o -> new FormPdf(lang, typeface).write(form, o));
    spec.commandLine().getOut().println("wrote " + out + ": the registration form of " + id
        + ", " + form.records() + " records on " + form.annex().size() + " medi"
        + (form.annex().size() == 1 ? "um" : "a") + (form.code().manifests().isEmpty()
            ? "; its build recorded no manifest digests (built by an earlier release)" : ""));
    return ExitCodes.OK;
  }
}
