package org.gapsync.target.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageId;
import org.gapsync.format.signature.SignatureProfile;
import org.gapsync.platform.cli.CryptoOption;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.LedgerOption;
import org.gapsync.platform.cli.Passphrase;
import org.gapsync.platform.cli.UserCommand;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.target.ingest.TargetFolders;
import org.gapsync.target.ledger.TargetLedger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code init}: makes the target's home, ledger, key, certificate and replica store. */
@Command(name = "init", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  target-platform init --id reading-room --org \"City Archives reading room\""},
    description = "Creates the platform home: the ledger (embedded H2, or shared on a "
        + "PostgreSQL server with --ledger), a signing key (ECDSA P-256 or, "
        + "with --crypto national, SM2; PKCS#12, protected by the passphrase), its self-signed certificate, and the replica "
        + "store.")
final class InitCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID",
      description = "This platform's id, such as reading-room.")
  private String id;

  @picocli.CommandLine.Mixin
  private CryptoOption crypto;

  @Option(names = "--org", paramLabel = "NAME", defaultValue = "",
      description = "The organisation, for people.")
  private String organisation;

  @picocli.CommandLine.Mixin
  private LedgerOption ledgerOption;

  @Option(names = "--replica", paramLabel = "DIR",
      description = "Where the replica is kept (default: replica/ in the home).")
  private Path replica;

  @Override
  public Integer call() throws Exception {
    TargetCommand root = TargetCommand.root(spec);
    if (!PackageId.isValid(id)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--id " + id
          + ": use letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    PlatformHome home = root.home();
    Map<String, String> settings = new java.util.HashMap<>(ledgerOption.settings());
    if (replica != null) {
      settings.put(TargetFolders.REPLICA_SETTING, replica.toAbsolutePath().normalize()
          .toString());
    }
    if (replica != null && Files.isDirectory(replica)) {
      try (var s = Files.list(replica)) {
        if (s.findAny().isPresent()) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--replica " + replica
              + ": not empty; a new replica starts in an empty folder");
        }
      }
    }
    SignatureProfile profile = crypto.profile();
    ledgerOption.checkNew(root);
    try (Passphrase passphrase = root.passphrase(spec.commandLine(), true)) {
      home.init(id, organisation, settings, passphrase.chars(), profile, root.clock());
    }
    TargetFolders folders = TargetFolders.of(home);
    Files.createDirectories(folders.replica());
    String admin;
    try (TargetLedger ledger = root.ledger(spec.commandLine())) {
      // Opening migrates the schema; whoever initialises the platform administers it.
      admin = UserCommand.grantInitialAdmin(root, ledger);
    }
    spec.commandLine().getOut().println("initialised target platform " + id + " in "
        + home.root() + ", replica in " + folders.replica() + "\nnext: 'cert export --out "
        + id + ".pem' for the source, then 'trust add --id SOURCE --cert SOURCE.pem'");
    spec.commandLine().getOut().println("signing key: " + profile.jcaName() + " ("
        + profile.crypto() + " profile)");
    spec.commandLine().getOut().println(admin);
    return ExitCodes.OK;
  }
}
