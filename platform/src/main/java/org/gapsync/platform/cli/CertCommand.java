package org.gapsync.platform.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.KeySuccession;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert}: this platform's certificate. */
@Command(name = "cert", mixinStandardHelpOptions = true,
    description = "This platform's certificate.",
    subcommands = {CertCommand.Export.class, CertCommand.Rotate.class})
public final class CertCommand {
  /** {@code cert export}: writes the certificate as PEM, to carry to the peer platforms. */
  @Permitted({Role.ADMIN, Role.ARCHIVIST, Role.OPERATOR, Role.AUDITOR})
  @Command(name = "export", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  ${ROOT-COMMAND-NAME} cert export --out /media/usb/this-platform.pem"},
      description = "Writes this platform's certificate as PEM, for peer platforms to trust.")
  public static final class Export implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.pem",
        description = "Where to write this platform's certificate (PEM), to carry to the "
            + "other side.")
    private Path out;

    @Override
    public Integer call() throws Exception {
      var cert = PlatformRoot.of(spec).home().certificate();
      Certificates.writePem(cert, out);
      spec.commandLine().getOut().println("wrote " + out + ": " + Certificates.describe(cert));
      return ExitCodes.OK;
    }
  }

  /** {@code cert rotate}: a new signing key, announced by the current one. */
  @Permitted(Role.ADMIN)
  @Command(name = "rotate", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  ${ROOT-COMMAND-NAME} cert rotate"},
      description = "Replaces this platform's signing key with a new one. The current key "
          + "signs an announcement of the new certificate that every package or receipt signed "
          + "from then on carries, so peers that trust the current certificate move their "
          + "trust to the new one when they verify the next; what the old key signed stays "
          + "verifiable, and it is kept to open what was encrypted to it.")
  public static final class Rotate implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PlatformRoot root = PlatformRoot.of(spec);
      var home = root.home();
      KeySuccession.Announcement announcement;
      try (Passphrase passphrase = root.passphrase(spec.commandLine(), false)) {
        announcement = home.rotate(passphrase.chars(), root.clock());
      }
      var out = spec.commandLine().getOut();
      out.println("new signing key: " + Certificates.describe(announcement.successor()));
      out.println("  announced by the one before, " + Certificates.describe(
          announcement.predecessor()) + ", in every package and receipt signed from now on;");
      out.println("  peers that trust it move to the new certificate as they verify the next "
          + "one. A peer that never trusted it needs 'cert export' carried over.");
      return ExitCodes.OK;
    }
  }
}
