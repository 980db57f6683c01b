package org.gapsync.platform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationConverterTest {
  @ParameterizedTest(name = "{0} is {1} ms, said {2}")
  @CsvSource({"500ms, 500, 500ms", "1500ms, 1500, 1500ms", "10s, 10000, 10s", "90, 90000, 90s",
      "5m, 300000, 5m", "60m, 3600000, 1h", "2h, 7200000, 2h", "24h, 86400000, 1d",
      "1d, 86400000, 1d", "0s, 0, 0s"})
  void readsWhatPeopleWriteAndSaysItBackInItsLargestWholeUnit(String given, long millis,
      String said) {
    Duration d = DurationConverter.parse(given);
    assertEquals(millis, d.toMillis());
    assertEquals(said, DurationConverter.describe(d));
    assertEquals(d, DurationConverter.parse(DurationConverter.describe(d)));
  }

  @ParameterizedTest(name = "refuses ''{0}''")
  @ValueSource(strings = {"", "soon", "5 minutes", "-1s", "1.5h", "10w"})
  void refusesWhatIsNotADurationSayingHowToWriteOne(String given) {
    CommandLine.TypeConversionException e = assertThrows(
        CommandLine.TypeConversionException.class, () -> DurationConverter.parse(given));
    assertTrue(e.getMessage().contains("give a number and a unit, such as 500ms, 10s, 5m"),
        e.getMessage());
  }
}
