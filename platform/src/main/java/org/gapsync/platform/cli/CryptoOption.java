package org.gapsync.platform.cli;

import org.gapsync.format.signature.SignatureProfile;
import org.gapsync.platform.UsageException;
import picocli.CommandLine.Option;

/**
 * {@code --crypto} and {@code --key}: the crypto profile a platform signs with, and within the
 * international profile its key type, chosen once at {@code init}.
 */
public final class CryptoOption {
  /** The profiles by the names {@code --crypto} takes. */
  public enum Crypto {
    /** ECDSA P-256 or RSA-3072 with SHA-256; AES-256 for what is encrypted to this platform. */
    international,
    /** SM2 with SM3; SM4 for what is encrypted to this platform. */
    national
  }

  /** The key types by the names {@code --key} takes. */
  public enum Key {
    /** ECDSA on P-256 (international) or SM2 (national). */
    ec,
    /** RSA of 3072 bits, international only. */
    rsa
  }

  @Option(names = "--crypto", defaultValue = "international", paramLabel = "PROFILE",
      description = "The crypto profile: international (ECDSA P-256 or RSA-3072 signatures "
          + "with SHA-256, AES-256 for what peers encrypt to this platform; the default) or "
          + "national (SM2 signatures with SM3, SM4). Peers of either profile are verified and "
          + "encrypted to.")
  private Crypto crypto;

  @Option(names = "--key", defaultValue = "ec", paramLabel = "TYPE",
      description = "The signing key's type: ec (ECDSA P-256, or SM2 in the national profile; "
          + "the default) or rsa (RSA of 3072 bits, international profile only, for a key "
          + "policy that asks for RSA).")
  private Key key;

  /**
   * Returns the profile chosen.
   *
   * @throws UsageException if {@code --key rsa} was asked of the national profile
   */
  public SignatureProfile profile() {
    if (crypto == Crypto.national) {
      if (key == Key.rsa) {
        throw new UsageException("--key rsa: the national profile signs with SM2 keys only; "
            + "leave --key out, or choose --crypto international");
      }
      return SignatureProfile.SM2_SM3;
    }
    return key == Key.rsa ? SignatureProfile.RSA_3072_SHA256
        : SignatureProfile.ECDSA_P256_SHA256;
  }
}
