package org.gapsync.platform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class TimeBoundTest {
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  @Test
  void aDayBoundsTheWholeDayInThePlatformsZone() {
    TimeBound day = TimeBound.parse("2026-11-01");

    assertEquals(Instant.parse("2026-10-31T16:00:00Z"), day.start(BEIJING));
    assertEquals(Instant.parse("2026-11-01T16:00:00Z"), day.end(BEIJING));
  }

  @Test
  void aLocalTimeIsInThePlatformsZoneAndAnOffsetTimeIsWhereItSays() {
    assertEquals(Instant.parse("2026-11-01T01:30:00Z"),
        TimeBound.parse("2026-11-01T09:30").start(BEIJING));
    assertEquals(Instant.parse("2026-11-01T01:30:00Z"),
        TimeBound.parse("2026-11-01T09:30:00+08:00").start(ZoneId.of("UTC")));
    assertEquals(Instant.parse("2026-11-01T01:30:00.000001Z"),
        TimeBound.parse("2026-11-01T01:30:00Z").end(BEIJING));
  }

  @ParameterizedTest(name = "refuses {0}")
  @ValueSource(strings = {"yesterday", "2026-13-01", "2026-11-01 09:30", "01.11.2026"})
  void refusesWhatIsNotADayOrATime(String value) {
    assertThrows(CommandLine.TypeConversionException.class, () -> TimeBound.parse(value));
  }
}
