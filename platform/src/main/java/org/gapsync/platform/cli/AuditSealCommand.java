package org.gapsync.platform.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.audit.AuditSeal;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.ledger.ChainHead;
import org.gapsync.platform.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger seal}: signs the audit trail's head and writes it out. */
@Permitted({Role.ADMIN, Role.AUDITOR})
@Command(name = "seal", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  ${ROOT-COMMAND-NAME} ledger seal --out /media/audit/seal-2026-12.txt"},
    description = "Verifies the audit trail, then writes its head (event count and last hash) "
        + "to FILE, signed with this platform's key in FILE.p7s. Keep the two where this "
        + "platform's operators cannot reach them; 'ledger verify --seal FILE' later shows "
        + "whether the trail still holds that head. Needs the key's passphrase.")
public final class AuditSealCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the seal (and FILE.p7s, its signature).")
  private Path out;

  @Override
  public Integer call() throws Exception {
    PlatformRoot root = PlatformRoot.of(spec);
    AuditTrail.Check check;
    Optional<ChainHead> state;
    try (Ledger<?> ledger = root.ledger(spec.commandLine())) {
      check = AuditTrail.of(ledger).verify();
      state = ledger.stateHead();
    }
    if (!check.isIntact()) {
      spec.commandLine().getErr().println("error: audit trail broken, not sealed: "
          + check.firstBreak().orElseThrow() + "; keep a copy of the ledger as evidence");
      return ExitCodes.INVALID;
    }
    PackageSigner signer;
    try (Passphrase passphrase = root.passphrase(spec.commandLine(), false)) {
      signer = new PackageSigner(root.home().key(passphrase.chars()), root.clock());
    }
    AuditSeal seal = new AuditSeal(root.home().id(), check.events(), check.head(),
        check.headDigest(), root.clock().instant(), state);
    seal.write(out, signer);
    spec.commandLine().getOut().printf("sealed %d events, head %s%s, in %s and %s.p7s%n",
        seal.events(), seal.head(), state.map(c -> ", and state event " + c.id() + ", head "
            + c.hash()).orElse(""), out, out.getFileName());
    return ExitCodes.OK;
  }
}
