package org.gapsync.platform;

/**
 * A count with its noun, singular for one: {@code Plural.of(1, "record")} is "1 record",
 * {@code Plural.of(7, "record")} "7 records".
 */
public final class Plural {
  private Plural() {}

  /** Returns {@code count} and {@code noun}, with an s unless the count is one. */
  public static String of(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
