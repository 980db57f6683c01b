package org.gapsync.platform.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.audit.AuditEvent;
import org.gapsync.platform.audit.AuditSeal;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.ledger.ChainHead;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.ledger.StateCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger verify}: recomputes the audit trail's hash chain. */
@ReadsOnly
@Permitted({Role.ADMIN, Role.ARCHIVIST, Role.OPERATOR, Role.AUDITOR})
@Command(name = "verify", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  ${ROOT-COMMAND-NAME} ledger verify",
        "  ${ROOT-COMMAND-NAME} ledger verify --seal seal-2026-12.txt"},
    description = "Recomputes the hash chain of the audit trail, from the first event to the "
        + "last, and reports the first broken link: an event edited, deleted, inserted or "
        + "reordered outside this application; with --seal, also that the trail still holds "
        + "the head a seal recorded. Exit 3 when the chain is broken or the seal not held.")
public final class AuditVerifyCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--seal", paramLabel = "FILE",
      description = "A seal made by 'ledger seal' (FILE.p7s beside it): the trail must still "
          + "hold its head.")
  private Path seal;

  @Override
  public Integer call() throws Exception {
    PlatformRoot root = PlatformRoot.of(spec);
    try (Ledger<?> ledger = root.ledger(spec.commandLine())) {
      AuditTrail.Check check = AuditTrail.of(ledger).verify();
      if (!check.isIntact()) {
        return broken(check.firstBreak().orElseThrow());
      }
      if (seal != null) {
        AuditSeal s = AuditSeal.read(seal, root.home().id(), root.home().certificate());
        Optional<AuditEvent> sealed = AuditTrail.of(ledger).at(s.events());
        if (s.events() > 0 && !sealed.map(AuditEvent::hash).equals(Optional.of(s.head()))) {
          return broken(sealed.isEmpty()
              ? "the seal of " + s.sealed() + " holds " + s.events() + " events, the trail "
                  + "only " + check.events() + ": events were cut off its end"
              : "event " + s.events() + " is not the one sealed on " + s.sealed()
                  + ": the trail was rewritten");
        }
        if (s.state().isPresent()) {
          ChainHead c = s.state().get();
          Optional<String> now = ledger.stateHashAt(c.id());
          if (!now.equals(Optional.of(c.hash()))) {
            return unsealed(now.isEmpty() ? "state event " + c.id() + ", sealed on " + s.sealed()
                + ", is gone: state events were cut off"
                : "state event " + c.id() + " is not the one sealed on " + s.sealed()
                    + ": the state events were rewritten");
          }
        }
        spec.commandLine().getOut().printf("seal of %s held: its %d events unchanged%s%n",
            s.sealed(), s.events(), s.state().map(c -> ", state events up to " + c.id()
                + " unchanged").orElse(""));
      }
      spec.commandLine().getOut().printf("audit trail intact: %d event%s, head %s%s%n",
          check.events(), check.events() == 1 ? "" : "s", check.head(), check.events() == 0 ? ""
              : " (" + check.headDigest() + ")");
      Optional<StateCheck> states = ledger.verifyState();
      if (states.isPresent() && !states.get().isIntact()) {
        states.get().problems().forEach(p -> spec.commandLine().getErr().println("error: "
            + p));
        spec.commandLine().getErr().println("error: the ledger's states disagree with what "
            + "it recorded happening: it was changed outside this application; keep a copy of "
            + "it as evidence and compare it with a backup");
        return ExitCodes.INVALID;
      }
      states.ifPresent(s -> spec.commandLine().getOut().println(s.summary()));
      return ExitCodes.OK;
    }
  }

  private int unsealed(String why) {
    spec.commandLine().getErr().println("error: the ledger no longer holds what was sealed: "
        + why + "; it was changed outside this application: keep a copy of it as evidence and "
        + "compare it with a backup");
    return ExitCodes.INVALID;
  }

  private int broken(String why) {
    spec.commandLine().getErr().println("error: audit trail broken: " + why + "; the ledger "
        + "was changed outside this application: keep a copy of it as evidence and compare it "
        + "with a backup");
    return ExitCodes.INVALID;
  }
}
