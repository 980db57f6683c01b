package org.gapsync.format.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A signature algorithm with its key type, as recorded in every package's bag-info. A platform
 * chooses its profile at {@code init}; every platform verifies either, and encrypts to a peer by
 * the peer's: AES-256 with ECDH for an international certificate, SM4 with SM2 for a national.
 */
public enum SignatureProfile {
  /** ECDSA on NIST P-256 with SHA-256, the international default. */
  ECDSA_P256_SHA256("SHA256withECDSA", "EC", new ECGenParameterSpec("secp256r1"), "SHA-256"),
  /**
   * RSA of 3072 bits with SHA-256 (PKCS #1 v1.5 signatures), the international profile for an
   * archive whose key policy asks for RSA; what peers encrypt to it is AES-256, its key sent
   * with RSAES-OAEP.
   */
  RSA_3072_SHA256("SHA256withRSA", "RSA", new RSAKeyGenParameterSpec(3072,
      RSAKeyGenParameterSpec.F4), "SHA-256"),
  /**
   * SM2 on its curve sm2p256v1 with SM3 (GB/T 32918, GB/T 32905), the national profile, with the
   * default signer id of GM/T 0009.
   */
  SM2_SM3("SM3withSM2", "EC", new ECGenParameterSpec("sm2p256v1"), "SM3");

  private final String jcaName;
  private final String keyAlgorithm;
  private final AlgorithmParameterSpec keySpec;
  private final String digestName;

  SignatureProfile(String jcaName, String keyAlgorithm, AlgorithmParameterSpec keySpec,
      String digestName) {
    this.jcaName = jcaName;
    this.keyAlgorithm = keyAlgorithm;
    this.keySpec = keySpec;
    this.digestName = digestName;
  }

  /** Returns the JCA signature algorithm name, such as {@code SHA256withECDSA}. */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Returns the profile of {@code key}: national for an SM2 curve key, international RSA for an
   * RSA key, else international ECDSA.
   */
  public static SignatureProfile of(PublicKey key) {
    if (key instanceof RSAPublicKey) {
      return RSA_3072_SHA256;
    }
    AlgorithmIdentifier algorithm = SubjectPublicKeyInfo.getInstance(key.getEncoded())
        .getAlgorithm();
    return GMObjectIdentifiers.sm2p256v1.equals(algorithm.getParameters()) ? SM2_SM3
        : ECDSA_P256_SHA256;
  }

  /** Returns the profile's name in {@code init --crypto}: national or international. */
  public String crypto() {
    return this == SM2_SM3 ? "national" : "international";
  }

  /** Returns the profile that {@code init --crypto} names. */
  public static SignatureProfile ofCrypto(String crypto) {
    return switch (crypto) {
      case "national" -> SM2_SM3;
      case "international" -> ECDSA_P256_SHA256;
      default -> throw new IllegalArgumentException("not a crypto profile: " + crypto
          + " (national or international)");
    };
  }

  /** Returns the name of the profile's hash function: {@code SHA-256} or {@code SM3}. */
  public String digestName() {
    return digestName;
  }

  /**
   * Returns a fresh message digest of the hash function named {@code digestName} by one of the
   * profiles: the JDK's SHA-256 (which runs on the CPU's own instructions), Bouncy Castle's SM3.
   *
   * @throws IllegalArgumentException if no profile names that hash function
   */
  public static MessageDigest newDigest(String digestName) {
    if (Arrays.stream(values()).noneMatch(p -> p.digestName.equals(digestName))) {
      throw new IllegalArgumentException("not a profile's hash function: " + digestName);
    }
    try {
      return digestName.equals("SM3") ? MessageDigest.getInstance("SM3", BouncyCastle.PROVIDER)
          : MessageDigest.getInstance(digestName);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK and Bouncy Castle provide " + digestName, e);
    }
  }

  /** Returns whether peers send a content key to this profile's keys by key transport. */
  boolean isKeyTransport() {
    return this != ECDSA_P256_SHA256;
  }

  String keyAlgorithm() {
    return keyAlgorithm;
  }

  AlgorithmParameterSpec keySpec() {
    return keySpec;
  }
}
