package org.gapsync.platform.audit;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SignatureCheck;
import org.gapsync.format.signature.SignatureVerifier;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.platform.ledger.ChainHead;

/**
 * A signed statement of an audit trail's head: the platform, how many events, the last one's
 * hash and when, and the last of the application's chained state events. Written as
 * {@code FILE} (text) and {@code FILE.p7s} (a detached CMS signature by the platform's key,
 * which {@code openssl cms -verify} also checks), to be kept where the platform's operators
 * cannot reach it: a later trail that no longer holds that head was cut short or rewritten.
 *
 * @param platform the platform's id
 * @param events how many events the trail held
 * @param head the hash of the last of them
 * @param digest the hash function of the last of them: SHA-256 or SM3
 * @param sealed when the seal was made
 * @param state the last of the application's chained state events (the source's sync events),
 *     for an application that keeps them; a seal written before they were sealed has none
 */
public record AuditSeal(String platform, long events, String head, String digest, Instant sealed,
    Optional<ChainHead> state) {
  /** Checks presence. */
  public AuditSeal {
    Objects.requireNonNull(state, "state");
  }

  /** Writes the seal and its signature next to it. */
  public void write(Path file, PackageSigner signer) throws IOException {
    byte[] text = ("format=gapsync-audit-seal-1\nplatform=" + platform + "\nevents=" + events
        + "\nhead=" + head + "\ndigest=" + digest + "\nsealed=" + sealed + "\n"
        + state.map(c -> "state-event=" + c.id() + "\nstate-head=" + c.hash() + "\n")
            .orElse("")).getBytes(StandardCharsets.UTF_8);
    Files.write(file, text);
    Files.write(signature(file), signer.sign(text));
  }

  /** Reads a seal and checks its signature against {@code certificate}. */
  public static AuditSeal read(Path file, String platform, X509Certificate certificate)
      throws IOException {
    byte[] text = Files.readAllBytes(file);
    SignatureCheck check = new SignatureVerifier(TrustStore.empty().with(platform, certificate))
        .verify(signature(file).toString(), text, Files.readAllBytes(signature(file)));
    if (!check.isValid()) {
      throw new org.gapsync.format.PackageFormatException("the seal " + file + " is not signed "
          + "by this platform: " + check.findings().get(0).message());
    }
    Properties p = new Properties();
    p.load(new StringReader(new String(text, StandardCharsets.UTF_8)));
    try {
      return new AuditSeal(p.getProperty("platform", ""),
          Long.parseLong(p.getProperty("events", "")), p.getProperty("head", ""),
          p.getProperty("digest", "SHA-256"), Instant.parse(p.getProperty("sealed", "")),
          p.getProperty("state-event") == null ? Optional.empty() : Optional.of(new ChainHead(
              Long.parseLong(p.getProperty("state-event")), p.getProperty("state-head", ""))));
    } catch (RuntimeException e) {
      throw new org.gapsync.format.PackageFormatException("the seal " + file
          + " is signed but not a gapsync audit seal: " + e.getMessage(), e);
    }
  }

  private static Path signature(Path file) {
    return file.resolveSibling(file.getFileName() + ".p7s");
  }
}
