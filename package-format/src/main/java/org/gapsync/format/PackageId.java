package org.gapsync.format;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identifier of a package, receipt, platform or template: safe as a file name on every medium.
 *
 * @param value letters, digits, dot, underscore and hyphen, starting with a letter or digit
 */
public record PackageId(String value) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}");

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

  /** Returns whether {@code value} follows the identifier rule. */
  public static boolean isValid(String value) {
    return SAFE.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
