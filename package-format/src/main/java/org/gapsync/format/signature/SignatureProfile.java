package org.gapsync.format.signature;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;

/**
 * A signature algorithm with its key type, as recorded in every package's bag-info. The
 * international profile runs on the JDK's own providers; Bouncy Castle builds the CMS structures.
 */
public enum SignatureProfile {
  /** ECDSA on NIST P-256 with SHA-256, the international default. */
  ECDSA_P256_SHA256("SHA256withECDSA", "EC", new ECGenParameterSpec("secp256r1"));

  private final String jcaName;
  private final String keyAlgorithm;
  private final AlgorithmParameterSpec keySpec;

  SignatureProfile(String jcaName, String keyAlgorithm, AlgorithmParameterSpec keySpec) {
    this.jcaName = jcaName;
    this.keyAlgorithm = keyAlgorithm;
    this.keySpec = keySpec;
  }

  /** Returns the JCA signature algorithm name, such as {@code SHA256withECDSA}. */
  public String jcaName() {
    return jcaName;
  }

  String keyAlgorithm() {
    return keyAlgorithm;
  }

  AlgorithmParameterSpec keySpec() {
    return keySpec;
  }
}
