package org.gapsync.platform.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageId;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.platform.Role;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trust}: the certificates this platform trusts. */
@Command(name = "trust", mixinStandardHelpOptions = true,
    description = "The certificates this platform trusts.", subcommands = TrustCommand.Add.class)
public final class TrustCommand {
  /** {@code trust add}: trusts a peer platform's certificate. */
  @Permitted(Role.ADMIN)
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Trusts the certificate of platform ID: its packages or receipts are "
          + "accepted from then on.")
  public static final class Add implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "PLATFORM")
    private String id;

    @Option(names = "--cert", required = true, paramLabel = "FILE.pem")
    private Path cert;

    @Override
    public Integer call() throws Exception {
      trust(spec, id, cert);
      return ExitCodes.OK;
    }
  }

  /** Trusts {@code cert} as platform {@code id}'s and says so. */
  public static void trust(CommandSpec spec, String id, Path cert) throws java.io.IOException {
    if (!PackageId.isValid(id)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--id " + id
          + ": not a platform id");
    }
    var certificate = Certificates.readPem(cert);
    var home = PlatformRoot.of(spec).home();
    home.id();
    TrustStore.writeTo(home.trustFolder(), id, certificate);
    spec.commandLine().getOut().println("trusting " + id + ": "
        + Certificates.describe(certificate));
  }
}
