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
 */
public record SignatureCheck(Optional<X509Certificate> signer, Optional<String> trustedAs,
    Optional<Instant> signedAt, List<Finding> findings) {
  /** Copies the findings. */
  public SignatureCheck {
    findings = List.copyOf(findings);
  }

  /** Returns whether the signature is valid and made by a trusted certificate. */
  public boolean isValid() {
    return findings.isEmpty();
  }
}
