package org.gapsync.platform.cli;

import org.gapsync.format.signature.SignatureProfile;
import picocli.CommandLine.Option;

/** {@code --crypto}: the crypto profile a platform signs with, chosen once at {@code init}. */
public final class CryptoOption {
  /** The profiles by the names {@code --crypto} takes. */
  public enum Crypto {
    /** ECDSA P-256 with SHA-256; AES-256 for what is encrypted to this platform. */
    international(SignatureProfile.ECDSA_P256_SHA256),
    /** SM2 with SM3; SM4 for what is encrypted to this platform. */
    national(SignatureProfile.SM2_SM3);

    private final SignatureProfile profile;

    Crypto(SignatureProfile profile) {
      this.profile = profile;
    }
  }

  @Option(names = "--crypto", defaultValue = "international", paramLabel = "PROFILE",
      description = "The crypto profile: international (ECDSA P-256 signatures with SHA-256, "
          + "AES-256 for what peers encrypt to this platform; the default) or national (SM2 "
          + "signatures with SM3, SM4). Peers of either profile are verified and encrypted to.")
  private Crypto crypto;

  /** Returns the profile chosen. */
  public SignatureProfile profile() {
    return crypto.profile;
  }
}
