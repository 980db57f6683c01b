package org.gapsync.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/** A digest algorithm used in manifests, by its BagIt name and its JDK name. */
public enum DigestAlgorithm {
  SHA256("sha256", "SHA-256", 32);

  private final String bagitName;
  private final String jdkName;
  private final int length;
  // Never updated, only copied: looking the algorithm up among the security providers for each
  // of a million small files cost more than hashing them.
  private final MessageDigest prototype;

  DigestAlgorithm(String bagitName, String jdkName, int length) {
    this.bagitName = bagitName;
    this.jdkName = jdkName;
    this.length = length;
    this.prototype = lookUp(jdkName);
  }

  /** Returns the name used in BagIt manifest file names, such as {@code sha256}. */
  public String bagitName() {
    return bagitName;
  }

  /** Returns the digest length in bytes. */
  public int length() {
    return length;
  }

  /** Returns a fresh JDK message digest for this algorithm. */
  public MessageDigest newMessageDigest() {
    try {
      return (MessageDigest) prototype.clone();
    } catch (CloneNotSupportedException e) {
      return lookUp(jdkName);
    }
  }

  private static MessageDigest lookUp(String jdkName) {
    try {
      return MessageDigest.getInstance(jdkName);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK provides " + jdkName, e);
    }
  }

  /** Returns the algorithm with the given BagIt name, if we support it. */
  public static Optional<DigestAlgorithm> fromBagitName(String name) {
    return Arrays.stream(values()).filter(a -> a.bagitName.equals(name)).findFirst();
  }
}
