package org.gapsync.source.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.format.signature.SignatureProfile;
import org.gapsync.platform.cli.CryptoOption;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.LedgerOption;
import org.gapsync.platform.cli.Passphrase;
import org.gapsync.platform.cli.UserCommand;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.ledger.LedgerLocation;
import org.gapsync.source.ledger.SourceLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code init}: makes the platform home, its ledger, key and certificate. */
@Command(name = "init", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  source-platform init --id archive-lan --org \"City Archives\""},
    description = "Creates the platform home: the ledger (embedded H2, or shared on a "
        + "PostgreSQL server with --ledger), a signing key (ECDSA P-256 or, "
        + "with --crypto national, SM2; PKCS#12, protected by the passphrase) and its self-signed certificate.")
final class InitCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID",
      description = "This platform's id, such as archive-lan.")
  private String id;

  @picocli.CommandLine.Mixin
  private CryptoOption crypto;

  @Option(names = "--org", paramLabel = "NAME", defaultValue = "",
      description = "The organisation, for people.")
  private String organisation;

  @picocli.CommandLine.Mixin
  private LedgerOption ledgerOption;

  @Override
  public Integer call() throws Exception {
    SourceCommand root = SourceCommand.root(spec);
    if (!org.gapsync.format.PackageId.isValid(id)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--id " + id
          + ": use letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    PlatformHome home = root.home();
    SignatureProfile profile = crypto.profile();
    Optional<LedgerLocation.Server> shared = ledgerOption.checkNew(root);
    try (Passphrase passphrase = root.passphrase(spec.commandLine(), true)) {
      home.init(id, organisation, ledgerOption.settings(), passphrase.chars(), profile,
          root.clock());
    }
    String admin;
    try (SourceLedger ledger = root.ledger()) {
      // Opening migrates the schema; whoever initialises the platform administers it.
      admin = UserCommand.grantInitialAdmin(root, ledger);
    }
    spec.commandLine().getOut().println("initialised source platform " + id + " in "
        + home.root() + "\nnext: 'cert export --out " + id + ".pem' for each target, then "
        + "'destination add'");
    shared.ifPresent(l -> spec.commandLine().getOut().println("ledger: " + l.url()
        + " (shared)"));
    spec.commandLine().getOut().println("signing key: " + profile.jcaName() + " ("
        + profile.crypto() + " profile)");
    spec.commandLine().getOut().println(admin);
    return ExitCodes.OK;
  }
}
