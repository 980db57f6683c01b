package org.gapsync.verify;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.Volume;
import org.gapsync.format.bag.BagVerifier;
import org.gapsync.format.bag.HeaderKind;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.container.ContainerReader;
import org.gapsync.format.form.FormCode;
import org.gapsync.format.receipt.ReceiptKind;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.SyncPackageKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Verifies a sync package or receipt (folder, tar or zip) with no ledger and no platform home:
 * the tool an auditor runs on a medium.
 *
 * <pre>{@code
 * bin/package-verify /media/usb/archive-lan-reading-room-7.tar --trust archive-lan.pem
 * }</pre>
 */
@Command(name = "package-verify", mixinStandardHelpOptions = true, version = "gapsync 0.1.0",
    description = "Verifies a gapsync sync package or receipt (folder, tar or zip): BagIt "
        + "structure, every byte against its manifest, the signature and its signer, and the "
        + "header. Prints every finding, not just the first.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:valid, signed by a trusted certificate",
        "1:internal error (a bug; rerun with --verbose and report it)",
        "2:usage error",
        "3:invalid, or signed by a certificate not given with --trust",
        "4:cannot read the path or a certificate"})
public final class PackageVerifyCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "The package or receipt: a folder, a .tar "
      + "or a .zip file.")
  private Path path;

  @Option(names = "--trust", paramLabel = "[ID=]CERT.pem", description = "A certificate to "
      + "trust as the signer of platform ID (repeatable); without ID, as the platform its "
      + "certificate names (its CN). The signer must be trusted as the very platform the "
      + "package or receipt claims. Without one, no signer is trusted and the result is "
      + "invalid.")
  private List<String> trusted = new ArrayList<>();

  @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  @Option(names = "--threads", paramLabel = "N", description = "Threads for hashing "
      + "(default: the number of processors).")
  private int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--form", paramLabel = "FORM.pdf", description = "Also check a transfer "
      + "registration form against this medium: its QR code, read from the form's image as a "
      + "scanner would, must name this package and the digest of this medium's tag manifest. "
      + "Exit 3 when it does not.")
  private Path form;

  @Option(names = "--verbose", description = "Show diagnostics and stack traces.")
  private boolean verbose;

  enum OutputFormat { text, json }

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Returns the command line with its exception handlers, for {@code main} and for tests. */
  public static CommandLine commandLine() {
    PackageVerifyCommand command = new PackageVerifyCommand();
    CommandLine cli = new CommandLine(command);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExitCodeExceptionMapper(PackageVerifyCommand::exitCode);
    cli.setParameterExceptionHandler((e, args) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see --help)");
      return ExitCodes.USAGE;
    });
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("error: " + message(e));
      if (command.verbose) {
        e.printStackTrace(line.getErr());
      }
      return exitCode(e);
    });
    return cli;
  }

  @Override
  public Integer call() throws IOException {
    if (verbose) {
      Logger.getLogger("").setLevel(Level.FINE);
    }
    if (threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at "
          + "least 1, not " + threads);
    }
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(path.toString(), null, "no such package or receipt");
    }
    if (EnvelopeReader.isEnvelope(path)) {
      throw new CommandLine.ParameterException(spec.commandLine(), path + " is encrypted to "
          + "its destination (CMS EnvelopedData): only that platform's key opens it; import it "
          + "there, where it is decrypted and then verified in full");
    }
    if (form != null && format == OutputFormat.json) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--form reports as text: "
          + "leave out --format json");
    }
    FormCode code = form == null ? null : FormReader.read(form);
    TrustStore trust = TrustStore.empty();
    for (String given : trusted) {
      trust = trusting(trust, given);
    }
    boolean isReceipt = isReceipt(path);
    HeaderKind<?> kind = isReceipt ? ReceiptKind.INSTANCE : SyncPackageKind.INSTANCE;
    Verification<?> v = new BagVerifier(trust, threads).verify(path, kind);
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      ReportPrinter.json(path, isReceipt ? "receipt" : "sync-package", v, out);
    } else {
      ReportPrinter.text(path, v, out);
    }
    boolean isFormHeld = code == null || checkForm(code, v, out);
    out.flush();
    return v.isValid() && isFormHeld ? ExitCodes.VALID : ExitCodes.INVALID;
  }

  /** Says whether the form's {@code code} names what this medium holds, and prints why. */
  private boolean checkForm(FormCode code, Verification<?> v, PrintWriter out)
      throws IOException {
    if (!(v.header().orElse(null) instanceof PackageHeader h)) {
      out.println("form " + form + ": not checked: " + path + " is not a sync package whose "
          + "header could be read");
      return false;
    }
    int volume = h.volume().map(Volume::number).orElse(1);
    String where = "package " + h.packageId() + (h.volume().isPresent() ? ", volume " + volume
        + " of " + h.volume().get().count() : "");
    Digest medium;
    try (ContainerReader reader = ContainerReader.open(path)) {
      medium = Digest.of(DigestAlgorithm.SHA256, reader.open(reader.find(
          "tagmanifest-sha256.txt").orElseThrow(() -> new PackageFormatException(path
              + " has no tagmanifest-sha256.txt"))).readAllBytes());
    }
    String problem = !code.packageId().equals(h.packageId()) ? "the form is that of package "
        + code.packageId() + ", the medium holds " + where
        : code.manifests().isEmpty() ? "the form records no manifest digests (its package was "
            + "built by an earlier release): compare its annex with sha256sum of the medium's "
            + "tagmanifest-sha256.txt by hand"
        : code.manifests().size() < volume ? "the form lists " + code.manifests().size()
            + " media, the medium holds " + where
        : !code.manifests().get(volume - 1).equals(medium) ? "the form's manifest digest of "
            + "medium " + volume + " is sha256:" + code.manifests().get(volume - 1).hex()
            + ", this medium's is sha256:" + medium.hex() + ": it is not the medium the form "
            + "registers, or it was changed"
        : null;
    if (problem != null) {
      out.println("form " + form + ": DOES NOT MATCH: " + problem);
      return false;
    }
    out.println("form " + form + ": matches this medium: " + where + ", tag manifest sha256:"
        + medium.hex() + code.receiptId().map(r -> ", answered by receipt " + r).orElse(""));
    return true;
  }

  private static boolean isReceipt(Path path) throws IOException {
    try (ContainerReader reader = ContainerReader.open(path)) {
      return reader.find(ReceiptKind.DOCUMENT.value()).isPresent();
    } catch (PackageFormatException e) {
      // The verifier reports an unreadable container as a finding.
      return false;
    }
  }

  private static int exitCode(Throwable e) {
    if (e instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof PackageFormatException) {
      return ExitCodes.INVALID;
    }
    return e instanceof IOException ? ExitCodes.IO : ExitCodes.INTERNAL;
  }

  private static String message(Throwable e) {
    if (e instanceof NoSuchFileException n) {
      return n.getFile() + ": " + (n.getReason() == null ? "no such file" : n.getReason())
          + "; check the path and that the medium is mounted";
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return a.getFile() + ": permission denied";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** Adds a {@code --trust} value, {@code ID=CERT.pem} or {@code CERT.pem}, to {@code trust}. */
  private TrustStore trusting(TrustStore trust, String given) {
    java.util.regex.Matcher named = java.util.regex.Pattern.compile(
        "([A-Za-z0-9][A-Za-z0-9._-]{0,127})=(.+)").matcher(given);
    boolean isNamed = named.matches() && !Files.exists(Path.of(given));
    Path file = Path.of(isNamed ? named.group(2) : given);
    try {
      var certificate = Certificates.readPem(file);
      String id = isNamed ? named.group(1) : Certificates.platformId(certificate).orElseThrow(
          () -> new CommandLine.ParameterException(spec.commandLine(), "--trust " + file
              + ": the certificate names no platform (no CN); give it as ID=" + file));
      return trust.with(id, certificate);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--trust "
          + e.getMessage());
    }
  }
}
