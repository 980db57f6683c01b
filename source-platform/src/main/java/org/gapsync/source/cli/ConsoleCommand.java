package org.gapsync.source.cli;

import java.util.concurrent.Callable;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.AuditEventsCommand;
import org.gapsync.platform.cli.ConsoleRun;
import org.gapsync.platform.cli.Conventions;
import org.gapsync.platform.cli.Interruptible;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.platform.console.ConsoleSite;
import org.gapsync.source.console.SourceConsole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code console}: the read-only web console, for auditors and archivists. */
@ReadsOnly
@Permitted({Role.ARCHIVIST, Role.AUDITOR})
@Command(name = "console", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  source-platform console",
        "  source-platform console --bind 192.0.2.7 --port 8443 --tls-keystore console.p12 "
            + "--tls-password-file console.pw"},
    description = "Serves a read-only web console until Ctrl-C: the dashboard of every "
        + "destination, records searched by id, title, fonds or year with their history at "
        + "every destination, the packages and their receipts, the audit trail and its check, "
        + "the ledger report and the registration forms to download. Each page is shown to "
        + "the roles of the command that shows the same; every sign-in and page view is "
        + "recorded in the audit trail. On 127.0.0.1 (the default) it prints a link that "
        + "signs in once, as the user who started it; --bind another address needs TLS, and "
        + "people sign in with the passwords an admin sets with 'user password'.")
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
    SourceCommand root = SourceCommand.root(spec);
    String platform = root.home().id();
    String organisation = root.home().setting("organisation").orElse("");
    SourceConsole pages = new SourceConsole(platform, organisation, Conventions.software(spec),
        new SourceConsole.Guards(StatusCommand.class, LedgerCommand.Query.class,
            LedgerCommand.History.class, AuditEventsCommand.class, LedgerReportCommand.class,
            PackageFormCommand.class));
    ConsoleSite site = ConsoleRun.site(spec, "Source platform " + platform, pages.pages());
    return console.serve(spec, site);
  }
}
