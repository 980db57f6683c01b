package org.gapsync.platform.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine;

/**
 * A bound of a period as people write it on a command line ({@code --since}, {@code --until}):
 * a day ({@code 2026-11-01}), a time of day in the platform's time zone
 * ({@code 2026-11-01T09:30}), or an instant with its offset ({@code 2026-11-01T09:30:00+08:00},
 * {@code 2026-11-01T01:30:00Z}). A day bounds the whole day: {@code --since 2026-11-01 --until
 * 2026-11-30} is November.
 */
public final class TimeBound {
  private final Optional<LocalDate> day;
  private final Optional<LocalDateTime> local;
  private final Optional<Instant> instant;
  private final String text;

  private TimeBound(Optional<LocalDate> day, Optional<LocalDateTime> local,
      Optional<Instant> instant, String text) {
    this.day = day;
    this.local = local;
    this.instant = instant;
    this.text = text;
  }

  /** Reads {@code --since} or {@code --until}'s value. */
  public static final class Converter implements CommandLine.ITypeConverter<TimeBound> {
    @Override
    public TimeBound convert(String value) {
      return parse(value);
    }
  }

  /**
   * Returns the bound {@code value} says.
   *
   * @throws CommandLine.TypeConversionException if it is neither a day, a local time nor an
   *     instant
   */
  public static TimeBound parse(String value) {
    String v = Objects.requireNonNull(value, "value").strip();
    try {
      if (v.length() == 10) {
        return new TimeBound(Optional.of(LocalDate.parse(v)), Optional.empty(),
            Optional.empty(), v);
      }
      if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return new TimeBound(Optional.empty(), Optional.empty(),
            Optional.of(OffsetDateTime.parse(v).toInstant()), v);
      }
      return new TimeBound(Optional.empty(), Optional.of(LocalDateTime.parse(v)),
          Optional.empty(), v);
    } catch (DateTimeException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a day or a time: "
          + "give 2026-11-01, 2026-11-01T09:30, or 2026-11-01T09:30:00+08:00");
    }
  }

  /** Returns the first instant of the period this bound starts, in {@code zone}. */
  public Instant start(ZoneId zone) {
    return day.map(d -> d.atStartOfDay(zone).toInstant())
        .or(() -> local.map(t -> t.atZone(zone).toInstant())).orElseGet(instant::orElseThrow);
  }

  /**
   * Returns the first instant after the period this bound ends, in {@code zone}: the next
   * day's start for a day, the next microsecond (what the ledger keeps) for a time.
   */
  public Instant end(ZoneId zone) {
    return day.map(d -> d.plusDays(1).atStartOfDay(zone).toInstant())
        .orElseGet(() -> start(zone).plus(1, ChronoUnit.MICROS));
  }

  /** Returns the bound as it was written. */
  @Override
  public String toString() {
    return text;
  }
}
