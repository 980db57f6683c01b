package org.gapsync.platform.cli;

import java.util.concurrent.Callable;
import org.gapsync.platform.ledger.AuditTrail;
import org.gapsync.platform.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ledger verify}: recomputes the audit trail's hash chain. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Recomputes the hash chain of the audit trail, from the first event to the "
        + "last, and reports the first broken link: an event edited, deleted, inserted or "
        + "reordered outside this application. Exit 3 when the chain is broken.")
public final class AuditVerifyCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AuditTrail.Check check;
    try (Ledger<?> ledger = PlatformRoot.of(spec).ledger(spec.commandLine())) {
      check = ledger.verifyAudit();
    }
    if (check.isIntact()) {
      spec.commandLine().getOut().printf("audit trail intact: %d events, head %s%n",
          check.events(), check.head());
      return ExitCodes.OK;
    }
    spec.commandLine().getErr().println("error: audit trail broken: "
        + check.firstBreak().orElseThrow() + "; the ledger was changed outside this "
        + "application: keep a copy of it as evidence and compare it with a backup");
    return ExitCodes.INVALID;
  }
}
