package org.gapsync.source.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptVerifier;
import org.gapsync.format.signature.DecryptedCopy;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.OutputFile;
import org.gapsync.platform.cli.Passphrase;
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

  @Option(names = "--receipt", paramLabel = "RECEIPT",
      description = "The receipt that answered the package (as it came back, encrypted or "
          + "not): fills in the receiving side's half, its four-property check and the "
          + "receipt's id in the code. It must verify, signed by the package's destination.")
  private Optional<Path> receipt;

  @Option(names = "--font", paramLabel = "FILE.ttf",
      description = "A TrueType font (.ttf, or .ttc) with Chinese and Latin glyphs to set it "
          + "in (default: /usr/share/fonts/truetype/wqy/wqy-microhei.ttc, from the Debian "
          + "package fonts-wqy-microhei).")
  private Optional<Path> font;

  /**
   * Returns the receipt {@code --receipt} names, verified and signed by {@code destination};
   * one encrypted to this source is opened with its keys, and its decrypted copy removed.
   */
  private Receipt receipt(String destination) throws IOException {
    Path path = receipt.orElseThrow();
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such receipt");
    }
    SourceCommand root = SourceCommand.root(spec);
    ReceiptVerifier verifier = new ReceiptVerifier(root.home().trust());
    if (!EnvelopeReader.isEnvelope(path)) {
      return verified(verifier.verify(path), path, destination);
    }
    List<SigningKey> keys;
    try (Passphrase passphrase = root.passphrase(spec.commandLine(), false)) {
      keys = root.home().decryptionKeys(passphrase.chars());
    }
    try (DecryptedCopy plain = DecryptedCopy.create(path, keys, root.home().scratchFolder())) {
      return verified(verifier.verify(plain.path()), path, destination);
    }
  }

  private static Receipt verified(Verification<Receipt> v, Path path, String destination)
      throws PackageFormatException {
    if (!v.isValid() || v.header().isEmpty()) {
      throw new PackageFormatException(path + ": the receipt does not verify ("
          + v.report().findings().stream().map(Object::toString).findFirst().orElse("no "
              + "receipt document") + "); no form was written");
    }
    if (!v.header().get().targetPlatform().equals(destination)) {
      throw new PackageFormatException(path + ": the receipt comes from "
          + v.header().get().targetPlatform() + ", not from " + destination + "; no form was "
          + "written");
    }
    return v.header().get();
  }

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
      PackageForms forms = new PackageForms(ledger, root.clock().getZone());
      TransferForm sent = forms.read(id, lang, root.home().id(), root.home()
          .setting("organisation").orElse(""));
      if (receipt.isPresent()) {
        String destination = ledger.inTransaction(tx -> tx.sync().packageRow(id))
            .orElseThrow().destination();
        form = forms.answered(sent, receipt(destination), destination, lang);
      } else {
        form = sent;
      }
    }
    file.write(o -> new FormPdf(lang, typeface).write(form, o));
    spec.commandLine().getOut().println("wrote " + out + ": the registration form of " + id
        + ", " + form.records() + " records on " + form.annex().size() + " medi"
        + (form.annex().size() == 1 ? "um" : "a") + (form.code().manifests().isEmpty()
            ? "; its build recorded no manifest digests (built by an earlier release)" : ""));
    return ExitCodes.OK;
  }
}
