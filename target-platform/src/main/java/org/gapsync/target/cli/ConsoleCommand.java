package org.gapsync.target.cli;

import java.util.concurrent.Callable;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.AuditEventsCommand;
import org.gapsync.platform.cli.ConsoleRun;
import org.gapsync.platform.cli.Interruptible;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.platform.console.ConsoleSite;
import org.gapsync.target.console.TargetConsole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code console}: the read-only web console, for auditors and operators. */
@ReadsOnly
@Permitted({Role.OPERATOR, Role.AUDITOR})
@Command(name = "console", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  target-platform console",
        "  target-platform console --bind 192.0.2.9 --port 8443 --tls-keystore console.p12 "
            + "--tls-password-file console.pw"},
    description = "Serves a read-only web console until Ctrl-C: the dashboard (each source's "
        + "progress, what waits, the last receipts, the damage found, what the replica holds, "
        + "the audit chain), the replica's records searched by id or title with their files "
        + "and history, the packages received and their receipts, the audit trail and its "
        + "check, and its events to download. Each page is shown to the roles of the command "
        + "that shows the same; every sign-in and page view is recorded in the audit trail. "
        + "On 127.0.0.1 (the default) it prints a link that signs in once, as the user who "
        + "started it; --bind another address needs TLS, and people sign in with the "
        + "passwords an admin sets with 'user password'.")
final class ConsoleCommand implements Callable<Integer>, Interruptible {
  @Spec
  private CommandSpec spec;

  @Mixin
  private ConsoleRun console;

  @Override
  public String whenInterrupted() {
    return ConsoleRun.WHEN_INTERRUPTED;
  }

  @Override
  public Integer call() throws Exception {
    TargetCommand root = TargetCommand.root(spec);
    TargetConsole pages = new TargetConsole(root.home().root().resolve("ferry"),
        new TargetConsole.Guards(StatusCommand.class, ReplicaCommand.Show.class,
            AuditEventsCommand.class));
    ConsoleSite site = ConsoleRun.site(spec, "Target platform " + root.home().id(),
        pages.pages());
    return console.serve(spec, site);
  }
}
