package org.gapsync.source.cli;

import java.util.concurrent.Callable;
import org.gapsync.platform.Role;
import org.gapsync.platform.cli.Conventions;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.ledger.Users;
import org.gapsync.source.ledger.SourceLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code init}: makes the platform home, its ledger, key and certificate. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Creates the platform home: the ledger (H2), a signing key (ECDSA P-256, "
        + "PKCS#12, protected by the passphrase) and its self-signed certificate.")
final class InitCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID",
      description = "This platform's id, such as archive-lan.")
  private String id;

  @Option(names = "--org", paramLabel = "NAME", defaultValue = "",
      description = "The organisation, for people.")
  private String organisation;

  @Override
  public Integer call() throws Exception {
    SourceCommand root = SourceCommand.root(spec);
    if (!org.gapsync.format.PackageId.isValid(id)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--id " + id
          + ": use letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    PlatformHome home = root.home();
    home.init(id, organisation, java.util.Map.of(), root.passphrase(spec.commandLine(), true),
        root.clock());
    try (SourceLedger ledger = root.ledger()) {
      // Opening migrates the schema; whoever initialises the platform administers it.
      ledger.grant(new Users.Grant(Conventions.actor(), Role.ADMIN, root.clock().instant(),
          Conventions.actor()));
    }
    spec.commandLine().getOut().println("initialised source platform " + id + " in "
        + home.root() + "\nnext: 'cert export --out " + id + ".pem' for each target, then "
        + "'destination add'");
    spec.commandLine().getOut().println("user " + Conventions.actor() + " is its admin; grant "
        + "the daily work with 'user add NAME --role archivist' (the admin may be NAME too)");
    return ExitCodes.OK;
  }
}
