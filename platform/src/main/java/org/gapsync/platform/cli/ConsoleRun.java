package org.gapsync.platform.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.access.ConsolePasswords;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.access.Users;
import org.gapsync.platform.console.ConsolePage;
import org.gapsync.platform.console.ConsoleServer;
import org.gapsync.platform.console.ConsoleSettings;
import org.gapsync.platform.console.ConsoleSite;
import org.gapsync.platform.ledger.Ledger;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What both applications' {@code console} commands share: their options, and the run that
 * serves a {@link ConsoleSite} until Ctrl-C or SIGTERM stops it.
 *
 * <pre>{@code
 * @Mixin ConsoleRun console;
 * ...
 * return console.serve(spec, site);
 * }</pre>
 */
public final class ConsoleRun {
  /** What a stop of the console leaves. */
  public static final String WHEN_INTERRUPTED = "the console stopped; the sign-ins and page "
      + "views it served are in the audit trail ('ledger events --command console')";

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Listen on this address (default: ${DEFAULT-VALUE}, this machine only). "
          + "Any other address needs --tls-keystore; people then sign in with the passwords "
          + "an admin sets with 'user password NAME'.")
  private String bind;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
      description = "Listen on this port (default: any free one, printed).")
  private int port;

  @Option(names = "--tls-keystore", paramLabel = "FILE",
      description = "Serve HTTPS with the key and certificate in this PKCS#12 file; people "
          + "sign in with console passwords.")
  private Optional<Path> keyStore;

  @Option(names = "--tls-password-file", paramLabel = "FILE",
      description = "The PKCS#12 file's password, on the file's first line (default: asked "
          + "at the terminal).")
  private Optional<Path> keyStorePassword;

  /**
   * Returns the console {@code title} of the command of {@code spec}, of {@code pages}: those
   * who hold one of the roles the command is {@link Permitted} may sign in, and each request
   * opens the command run's ledger and lets it go.
   */
  public static ConsoleSite site(CommandSpec spec, String title, List<ConsolePage> pages)
      throws IOException {
    PlatformRoot root = PlatformRoot.of(spec);
    return new ConsoleSite(title, root.home().setting("organisation").orElse(""),
        Conventions.software(spec), root.clock().getZone(),
        ConsolePage.rolesOf(spec.userObject().getClass()), pages,
        new ConsoleSite.Ledgers() {
          @Override
          public Ledger<?> open() throws IOException {
            return root.ledger(spec.commandLine());
          }

          @Override
          public void release() throws IOException {
            root.releaseLedger();
          }

          @Override
          public String digest() throws IOException {
            return root.home().digestName();
          }
        });
  }

  /**
   * Serves {@code site} where the options say, started by the command of {@code spec}'s user,
   * until the run is stopped; says where, and how to sign in, on standard output.
   *
   * @return never normally: a stop ends the run with the signal's exit code
   */
  public int serve(CommandSpec spec, ConsoleSite site) throws IOException,
      InterruptedException {
    PlatformRoot root = PlatformRoot.of(spec);
    ConsoleSettings settings = settings(spec);
    if (settings.signsInWithPasswords()) {
      checkSomeoneSignsIn(root.ledger(spec.commandLine()), site.roles());
    }
    // The console opens the ledger for each request, and lets the commands in between.
    root.releaseLedger();
    PrintWriter out = spec.commandLine().getOut();
    try (ConsoleServer console = ConsoleServer.start(site, settings, root.clock(),
        root.actor())) {
      out.println(site.title() + ": console at " + console.address());
      out.println(console.signInLink().map(link -> "open " + link + " in a browser on this "
          + "machine to sign in as " + root.actor() + " (the link works once)")
          .orElse("sign in with a console password ('user password NAME' sets one)"));
      out.println("Ctrl-C stops it; every sign-in and page view goes to the audit trail");
      out.flush();
      while (true) {
        Rounds.sleep(root.interruption(), Duration.ofHours(1));
      }
    }
  }

  private ConsoleSettings settings(CommandSpec spec) throws IOException {
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new UsageException("--bind " + bind + ": no such address on this machine; give "
          + "an IP address of one of its interfaces");
    }
    if (port < 0 || port > 65535) {
      throw new UsageException("--port " + port + ": give 0 (any free port) to 65535");
    }
    if (keyStore.isEmpty()) {
      if (!address.isLoopbackAddress()) {
        throw new UsageException("--bind " + bind + " listens beyond this machine: give "
            + "--tls-keystore FILE.p12 to serve HTTPS, and set console passwords with "
            + "'user password NAME'");
      }
      if (keyStorePassword.isPresent()) {
        throw new UsageException("--tls-password-file without --tls-keystore: give both");
      }
      return new ConsoleSettings(address, port, Optional.empty());
    }
    return new ConsoleSettings(address, port, Optional.of(tls(spec.commandLine())));
  }

  private ConsoleSettings.Tls tls(CommandLine cli) throws IOException {
    Path file = keyStore.orElseThrow();
    if (!Files.isRegularFile(file)) {
      throw new UsageException("--tls-keystore " + file + ": no such file; give the PKCS#12 "
          + "file of the console's key and certificate");
    }
    try (Passphrase password = Passphrase.secret(cli, keyStorePassword, "password of "
        + file.getFileName(), "--tls-password-file", false);
        InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.chars());
      if (!java.util.Collections.list(store.aliases()).stream().anyMatch(a -> isKey(store,
          a))) {
        throw new UsageException("--tls-keystore " + file + ": it holds no private key; "
            + "give the PKCS#12 file of the console's key and its certificate");
      }
      return new ConsoleSettings.Tls(store, password.chars().clone(), file.toString());
    } catch (IOException e) {
      if (e.getCause() instanceof java.security.UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")) {
        throw new UsageException("--tls-keystore " + file + ": its password is not the one "
            + "given; check --tls-password-file");
      }
      throw new IOException("--tls-keystore " + file + ": cannot read it as PKCS#12 ("
          + e.getMessage() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new UsageException("--tls-keystore " + file + ": not a PKCS#12 key store this "
          + "Java can read (" + e.getMessage() + ")");
    }
  }

  private static boolean isKey(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias);
    } catch (java.security.KeyStoreException e) {
      return false;
    }
  }

  private static void checkSomeoneSignsIn(Ledger<?> ledger, Set<Role> roles)
      throws IOException {
    Users users = Users.of(ledger);
    ConsolePasswords passwords = ConsolePasswords.of(ledger);
    for (Users.Grant g : users.all()) {
      if (roles.contains(g.role()) && passwords.setAt(g.name()).isPresent()) {
        return;
      }
    }
    throw new UsageException("nobody could sign in: no user holding " + String.join(" or ",
        roles.stream().map(Role::label).sorted().toList()) + " has a console password; an "
        + "admin sets one with 'user password NAME'");
  }
}
