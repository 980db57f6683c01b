package org.gapsync.source.export;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many bytes one volume of a package may take on its medium: a disc's capacity by name, or
 * a number of bytes with a unit.
 *
 * @param bytes the most bytes a volume may take, everything on it counted
 * @param name what the user gave, for messages
 */
public record VolumeSize(long bytes, String name) {
  /**
   * The capacities of recordable discs by name, in bytes: what a blank disc of each kind holds
   * (CD-R 80 min, DVD±R, DVD±R DL, BD-R, BD-R DL, BD-R XL of three layers).
   */
  public static final Map<String, Long> PRESETS = presets();

  private static final Pattern AMOUNT = Pattern.compile(
      "([0-9]+(?:\\.[0-9]+)?)\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)?");

  /** Checks the size. */
  public VolumeSize {
    if (bytes < 1) {
      throw new IllegalArgumentException("volume size < 1: " + bytes);
    }
  }

  /**
   * Reads a size: a preset ({@code cd}, {@code dvd}, {@code dvd-dl}, {@code bd}, {@code bd-dl},
   * {@code bd-xl}), or a number with an optional unit: {@code B}, decimal {@code KB MB GB TB},
   * binary {@code KiB MiB GiB TiB} (any case).
   *
   * @throws IllegalArgumentException saying what is wrong and what is meant
   */
  public static VolumeSize parse(String text) {
    String t = text.strip();
    Long preset = PRESETS.get(t.toLowerCase(Locale.ROOT));
    if (preset != null) {
      return new VolumeSize(preset, t.toLowerCase(Locale.ROOT));
    }
    Matcher m = AMOUNT.matcher(t.toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("volume size '" + text + "' is neither a disc ("
          + String.join(", ", PRESETS.keySet()) + ") nor a number of bytes with a unit such "
          + "as 700MB or 1MiB");
    }
    BigDecimal amount = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(
        unit(m.group(2) == null ? "B" : m.group(2))));
    try {
      long bytes = amount.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
      if (bytes < 1) {
        throw new IllegalArgumentException("volume size '" + text + "' is less than a byte");
      }
      return new VolumeSize(bytes, t);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("volume size '" + text + "' is too large", e);
    }
  }

  private static long unit(String unit) {
    return switch (unit) {
      case "B" -> 1L;
      case "KB" -> 1_000L;
      case "MB" -> 1_000_000L;
      case "GB" -> 1_000_000_000L;
      case "TB" -> 1_000_000_000_000L;
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      case "TIB" -> 1L << 40;
      default -> throw new AssertionError(unit);
    };
  }

  private static Map<String, Long> presets() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("cd", 737_280_000L);
    m.put("dvd", 4_700_372_992L);
    m.put("dvd-dl", 8_547_991_552L);
    m.put("bd", 25_025_314_816L);
    m.put("bd-dl", 50_050_629_632L);
    m.put("bd-xl", 100_103_356_416L);
    return java.util.Collections.unmodifiableMap(m);
  }

  @Override
  public String toString() {
    return name.equals(Long.toString(bytes)) ? bytes + " bytes" : name + " (" + bytes
        + " bytes)";
  }
}
