package org.gapsync.platform.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gapsync.format.signature.Certificates;
import org.gapsync.platform.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert}: this platform's certificate. */
@Command(name = "cert", mixinStandardHelpOptions = true,
    description = "This platform's certificate.", subcommands = CertCommand.Export.class)
public final class CertCommand {
  /** {@code cert export}: writes the certificate as PEM, to carry to the peer platforms. */
  @Permitted({Role.ADMIN, Role.ARCHIVIST, Role.OPERATOR, Role.AUDITOR})
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Writes this platform's certificate as PEM, for peer platforms to trust.")
  public static final class Export implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.pem")
    private Path out;

    @Override
    public Integer call() throws Exception {
      var cert = PlatformRoot.of(spec).home().certificate();
      Certificates.writePem(cert, out);
      spec.commandLine().getOut().println("wrote " + out + ": " + Certificates.describe(cert));
      return ExitCodes.OK;
    }
  }
}
