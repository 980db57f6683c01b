package org.gapsync.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identifier of a package, receipt, platform or template: safe as a file name on every medium.
 * It is also the one owner of how packages and receipts are named: {@link #of(String, String,
 * long)}, {@link #receipt()}, {@link #damageReport(String, String, Instant)} and {@link
 * #gapNotice(String, String, Instant)}.
 *
 * @param value letters, digits, dot, underscore and hyphen, starting with a letter or digit
 */
public record PackageId(String value) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern(
      "uuuuMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Checks the value against the identifier rule. */
  public PackageId {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a valid id (letters, digits, '.', '_', '-'; "
          + "at most 128; starting with a letter or digit): " + value);
    }
  }

  /** Returns the id with the given text. */
  public static PackageId of(String value) {
    return new PackageId(value);
  }

  /**
   * Returns the id of the package with sequence number {@code sequence} from platform
   * {@code source} to platform {@code destination}: {@code SOURCE-DESTINATION-000042}, or, when
   * two long platform ids make that too long, a digest of them in their place.
   */
  public static PackageId of(String source, String destination, long sequence) {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence < 1: " + sequence);
    }
    String id = String.format(Locale.ROOT, "%s-%s-%06d", source, destination, sequence);
    return new PackageId(isValid(id) ? id : String.format(Locale.ROOT, "pkg-%s-%06d",
        shortDigest(source + "\n" + destination), sequence));
  }

  /**
   * Returns the id of the receipt that answers this package: {@code ID.receipt}, or a digest of
   * this id when that would be too long.
   */
  public PackageId receipt() {
    String id = value + ".receipt";
    return new PackageId(isValid(id) ? id : "receipt-" + shortDigest(value));
  }

  /**
   * Returns the id of the damage report that target {@code target} made for source
   * {@code source} when it re-read its replica at {@code verified}:
   * {@code SOURCE-TARGET-damage-20261202T070000.000Z}, or a digest of the two ids in their place
   * when that would be too long.
   */
  public static PackageId damageReport(String source, String target, Instant verified) {
    String stamp = STAMP.format(verified);
    String id = source + "-" + target + "-damage-" + stamp;
    return new PackageId(isValid(id) ? id
        : "damage-" + shortDigest(source + "\n" + target) + "-" + stamp);
  }

  /**
   * Returns the id of the gap notice that target {@code target} gave source {@code source} at
   * {@code issued}: {@code SOURCE-TARGET-gap-20261202T070000.000Z}, or a digest of the two ids
   * in their place when that would be too long.
   */
  public static PackageId gapNotice(String source, String target, Instant issued) {
    String stamp = STAMP.format(issued);
    String id = source + "-" + target + "-gap-" + stamp;
    return new PackageId(isValid(id) ? id
        : "gap-" + shortDigest(source + "\n" + target) + "-" + stamp);
  }

  /** Returns whether {@code value} follows the identifier rule. */
  public static boolean isValid(String value) {
    return SAFE.matcher(value).matches();
  }

  static String shortDigest(String text) {
    return Digest.of(DigestAlgorithm.SHA256, text.getBytes(StandardCharsets.UTF_8)).hex()
        .substring(0, 32);
  }

  @Override
  public String toString() {
    return value;
  }
}
