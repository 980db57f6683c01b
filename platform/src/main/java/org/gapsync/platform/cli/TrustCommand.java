package org.gapsync.platform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageId;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.home.PlatformHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code trust}: the certificates this platform trusts, and those it revoked. */
@Command(name = "trust", mixinStandardHelpOptions = true,
    description = "The certificates this platform trusts, and those it revoked.",
    subcommands = {TrustCommand.Add.class, TrustCommand.Revoke.class, TrustCommand.ListTrust.class})
public final class TrustCommand {
  /** {@code trust add}: trusts a peer platform's certificate. */
  @Permitted(Role.ADMIN)
  @Command(name = "add", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  ${ROOT-COMMAND-NAME} trust add --id reading-room --cert /media/usb/reading-room.pem"},
      description = "Trusts the certificate of platform ID: its packages or receipts are "
          + "accepted from then on. A certificate trusted for ID before stays trusted, so that "
          + "what it signed stays verifiable; revoke it to refuse it.")
  public static final class Add implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "PLATFORM",
        description = "The other platform's id, exactly as its 'init --id' gave it.")
    private String id;

    @Option(names = "--cert", required = true, paramLabel = "FILE.pem",
        description = "Its certificate, as its 'cert export' wrote it (PEM).")
    private Path cert;

    @Override
    public Integer call() throws Exception {
      X509Certificate certificate = checkTrustable(spec, id, cert);
      if (certificate.equals(PlatformRoot.of(spec).home().certificate())) {
        throw new UsageException(cert + " is this platform's own certificate, not " + id
            + "'s; bring the one that " + id + "'s 'cert export' writes");
      }
      trust(spec, id, certificate);
      return ExitCodes.OK;
    }
  }

  /** {@code trust revoke}: refuses a certificate from now on. */
  @Permitted(Role.ADMIN)
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  ${ROOT-COMMAND-NAME} trust revoke --id reading-room"},
      description = "Revokes a certificate of platform ID: packages or receipts it signed, "
          + "and announcements of new keys it signed, are refused from then on.")
  public static final class Revoke implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "PLATFORM",
        description = "The platform whose certificate is revoked.")
    private String id;

    @Option(names = "--cert", required = true, paramLabel = "FILE.pem",
        description = "The certificate to revoke (PEM): a lost or compromised key's.")
    private Path cert;

    @Override
    public Integer call() throws Exception {
      checkId(spec, id);
      X509Certificate certificate = readCertificate(spec, cert);
      PlatformHome home = PlatformRoot.of(spec).home();
      if (certificate.equals(home.certificate())) {
        throw new UsageException(cert + " is this platform's own certificate; to stop using "
            + "its key, run 'cert rotate' and have the peers revoke it");
      }
      boolean wasTrusted = TrustStore.revokeIn(home.trustFolder(), id, certificate);
      PrintWriter out = spec.commandLine().getOut();
      out.println("revoked for " + id + ": " + Certificates.describe(certificate)
          + (wasTrusted ? "" : " (it was not trusted here; it never will be)"));
      if (home.trust().current(id).isEmpty()) {
        out.println("  no certificate of " + id + " is trusted now; 'trust add --id " + id
            + " --cert FILE.pem' with its new one, carried over on a medium you trust");
      }
      return ExitCodes.OK;
    }
  }

  /** {@code trust list}: what is trusted and what is revoked. */
  @ReadsOnly
  @Permitted({Role.ADMIN, Role.ARCHIVIST, Role.OPERATOR, Role.AUDITOR})
  @Command(name = "list", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  ${ROOT-COMMAND-NAME} trust list",
          "  ${ROOT-COMMAND-NAME} trust list --format csv"},
      description = "Lists every trusted and every revoked certificate, by platform id.")
  public static final class ListTrust implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() throws Exception {
      PlatformHome home = PlatformRoot.of(spec).home();
      home.id();
      TrustStore trust = home.trust();
      PrintWriter out = spec.commandLine().getOut();
      try (Listing list = format.list(out, "platform", "state", "sha256", "subject",
          "validUntil")) {
        for (String id : trust.ids()) {
          List<X509Certificate> all = trust.certificates(id);
          for (X509Certificate c : all) {
            row(list, id, c == all.get(0) ? "current" : "earlier", c);
          }
        }
        for (var revoked : trust.revoked().entrySet()) {
          row(list, revoked.getValue(), "revoked", revoked.getKey());
        }
      }
      return ExitCodes.OK;
    }

    private void row(Listing list, String id, String state, X509Certificate c)
        throws java.io.IOException {
      String fingerprint = Certificates.fingerprint(c);
      // A table shows enough of the fingerprint to compare by eye; programs get all of it.
      list.row(id, state, format.isTable() ? fingerprint.substring(0, 32) : fingerprint,
          c.getSubjectX500Principal().getName(), c.getNotAfter().toInstant());
    }
  }

  /**
   * Trusts {@code certificate}, which {@link #checkTrustable} returned, as platform {@code id}'s
   * and says so.
   */
  public static void trust(CommandSpec spec, String id, X509Certificate certificate)
      throws IOException {
    PlatformHome home = PlatformRoot.of(spec).home();
    TrustStore before = home.trust();
    TrustStore.writeTo(home.trustFolder(), id, certificate);
    PrintWriter out = spec.commandLine().getOut();
    out.println("trusting " + id + ": " + Certificates.describe(certificate));
    before.current(id).filter(c -> !c.equals(certificate)).ifPresent(c -> out.println(
        "  its earlier certificate " + Certificates.describe(c) + " stays trusted for what it "
            + "signed; 'trust revoke' refuses it"));
  }

  /**
   * Checks, before anything is changed, that {@code cert} can be trusted as platform
   * {@code id}: the id is one, the file holds a certificate, and it was not revoked.
   *
   * @return the certificate
   */
  public static X509Certificate checkTrustable(CommandSpec spec, String id, Path cert)
      throws IOException {
    checkId(spec, id);
    X509Certificate certificate = readCertificate(spec, cert);
    PlatformHome home = PlatformRoot.of(spec).home();
    home.id();
    TrustStore before = home.trust();
    if (before.revokedFor(certificate).isPresent()) {
      throw new UsageException(cert + ": this certificate was revoked for "
          + before.revokedFor(certificate).get() + "; it cannot be trusted again, ask " + id
          + " for its new one");
    }
    return certificate;
  }

  private static X509Certificate readCertificate(CommandSpec spec, Path cert) {
    try {
      return Certificates.readPem(cert);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--cert "
          + ExitCodes.message(e) + "; give the certificate file the platform's 'cert export' "
          + "wrote");
    }
  }

  private static void checkId(CommandSpec spec, String id) {
    if (!PackageId.isValid(id)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--id " + id
          + ": not a platform id; an id is letters, digits, '.', '_' and '-', at most 128, "
          + "starting with a letter or digit, as the platform's 'init --id' gave it");
    }
  }
}
