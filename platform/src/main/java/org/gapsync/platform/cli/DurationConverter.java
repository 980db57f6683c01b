package org.gapsync.platform.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a duration as people write it on a command line: a number and a unit, {@code 500ms},
 * {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d} (or seconds when the unit is left out).
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /** Returns the duration {@code value} says. */
  public static Duration parse(String value) {
    Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: give a "
          + "number and a unit, such as 500ms, 10s, 5m, 2h or 1d");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /**
   * Writes {@code d} back the way {@link #parse} reads it, in its largest whole unit:
   * {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d}.
   */
  public static String describe(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s == 0 || s % 60 != 0) {
      return s + "s";
    }
    long m = s / 60;
    if (m % 60 != 0) {
      return m + "m";
    }
    long h = m / 60;
    return h % 24 != 0 ? h + "h" : h / 24 + "d";
  }
}
