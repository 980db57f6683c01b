package org.gapsync.format;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A digest value with its algorithm, kept as lowercase hexadecimal.
 *
 * @param algorithm the algorithm that produced it
 * @param hex the value, lowercase hexadecimal
 */
public record Digest(DigestAlgorithm algorithm, String hex) {
  private static final HexFormat HEX = HexFormat.of();
  // One buffer per thread that hashes files: a scan hashes millions of small ones.
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(
      () -> new byte[1 << 16]);

  /** Checks that {@code hex} is lowercase hexadecimal of the algorithm's length. */
  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    if (!isHex(hex, algorithm.length() * 2)) {
      throw new IllegalArgumentException("not a " + algorithm.bagitName() + " value: " + hex);
    }
  }

  /** Returns the digest of {@code bytes} computed by {@code algorithm}. */
  public static Digest of(DigestAlgorithm algorithm, byte[] bytes) {
    return from(algorithm, algorithm.newMessageDigest().digest(bytes));
  }

  /** Returns the digest of the bytes of {@code file} (not following a link), read from disk. */
  public static Digest ofFile(DigestAlgorithm algorithm, java.nio.file.Path file)
      throws java.io.IOException {
    MessageDigest md = algorithm.newMessageDigest();
    byte[] buffer = BUFFER.get();
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file,
        java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        md.update(buffer, 0, n);
      }
    }
    return from(algorithm, md);
  }

  /** Returns the digest held by a finished message digest's output. */
  public static Digest from(DigestAlgorithm algorithm, byte[] value) {
    return new Digest(algorithm, HEX.formatHex(value));
  }

  /** Returns the digest that {@code md} has accumulated, resetting it. */
  public static Digest from(DigestAlgorithm algorithm, MessageDigest md) {
    return from(algorithm, md.digest());
  }

  /** Returns whether {@code text} is a valid value for {@code algorithm}, in any letter case. */
  public static boolean isValid(DigestAlgorithm algorithm, String text) {
    return isHex(text.toLowerCase(java.util.Locale.ROOT), algorithm.length() * 2);
  }

  /** Parses a hexadecimal value in either letter case. */
  public static Digest parse(DigestAlgorithm algorithm, String text) {
    return new Digest(algorithm, text.toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean isHex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Returns the value abbreviated for messages, such as {@code sha256:ab12cd34…}. */
  @Override
  public String toString() {
    return algorithm.bagitName() + ":" + hex.substring(0, 12) + "…";
  }
}
