package org.gapsync.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VolumeSizeTest {
  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({"cd, 737280000", "DVD, 4700372992", "dvd-dl, 8547991552", "bd, 25025314816",
      "bd-dl, 50050629632", "bd-xl, 100103356416", "1MiB, 1048576", "700MB, 700000000",
      "1.5GiB, 1610612736", "4096, 4096", "2 kib, 2048", "1TB, 1000000000000"})
  void readsDiscsAndBytesWithUnits(String text, long bytes) {
    assertEquals(bytes, VolumeSize.parse(text).bytes());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "floppy", "-1MiB", "1 MiB of discs", "0", "0.4B", "1e9",
      "99999999999TiB"})
  void refusesWhatIsNeitherADiscNorBytes(String text) {
    assertThrows(IllegalArgumentException.class, () -> VolumeSize.parse(text));
  }
}
