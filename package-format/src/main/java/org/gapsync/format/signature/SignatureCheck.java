package org.gapsync.format.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.validation.Finding;

/**
 * What verifying one detached signature found.
 *
 * @param signer the certificate inside the signature, when one could be read
 * @param trustedAs the id under which the trust store holds that certificate, when it does
 * @param signedAt the signing time the signer claimed, when present
 * @param findings what is wrong with the signature; empty when it is valid and trusted
 * @param introducedBy the announcement of the signer's certificate by an earlier, trusted key
 *     of the same platform, when only that announcement made the signer trusted
 */
public record SignatureCheck(Optional<X509Certificate> signer, Optional<String> trustedAs,
    Optional<Instant> signedAt, List<Finding> findings,
    Optional<KeySuccession.Announcement> introducedBy) {
  /** Copies the findings. */
  public SignatureCheck {
    findings = List.copyOf(findings);
  }

  /** A check of a signer trusted directly, not through a key succession. */
  public SignatureCheck(Optional<X509Certificate> signer, Optional<String> trustedAs,
      Optional<Instant> signedAt, List<Finding> findings) {
    this(signer, trustedAs, signedAt, findings, Optional.empty());
  }

  /** Returns whether the signature is valid and made by a trusted certificate. */
  public boolean isValid() {
    return findings.isEmpty();
  }
}
