package org.gapsync.platform.ferry;

import java.util.Locale;

/**
 * How a file shows that it is complete in a ferry folder, as appliance vendors require one or
 * the other.
 */
public enum Arrival {
  /**
   * The file is written under a hidden temporary name ({@code .NAME.partial}) and renamed last;
   * the appliance is set to skip names that begin with a dot. On the receiving side a file
   * counts as arrived once its size and time have not changed for the settling time.
   */
  RENAME,
  /**
   * The file is written under its name, then a marker {@code NAME.done} that gives its length
   * and SHA-256; a file counts as arrived once its marker has, and its length is the marker's.
   */
  MARKER;

  /** The marker's suffix. */
  public static final String MARKER_SUFFIX = ".done";

  /** Returns the convention named {@code name} ({@code rename} or {@code marker}). */
  public static Arrival parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the arrival convention is 'rename' or 'marker', not '"
          + name + "'", e);
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
