package org.gapsync.platform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress shows on a terminal only, with each phase's total from the start. */
class ProgressViewTest {
  private final ByteArrayOutputStream drawn = new ByteArrayOutputStream();

  private String draw(boolean isTerminal, Map<String, String> environment) {
    try (ProgressView view = ProgressView.of(isTerminal, environment, new PrintStream(drawn,
        true, StandardCharsets.UTF_8), Duration.ZERO)) {
      view.show("write", ProgressView.Unit.BYTES, 50_000_000, 0);
      view.show("write", ProgressView.Unit.BYTES, 50_000_000, 25_000_000);
      view.show("read back", ProgressView.Unit.BYTES, 50_000_000, 10_000_000);
    }
    return drawn.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aTerminalSeesEachPhaseWithItsTotalFromItsFirstMoment() {
    String shown = draw(true, Map.of("TERM", "xterm-256color"));

    assertTrue(shown.contains("write"), shown);
    assertTrue(shown.contains("/50 MB"), shown);
    assertTrue(shown.contains("read back"), shown);
    assertFalse(shown.contains("/?") || shown.contains("? %"), "no unknown total: " + shown);
  }

  @Test
  void noColourDrawsWithoutEscapeCodes() {
    String shown = draw(true, Map.of("TERM", "xterm", "NO_COLOR", ""));

    assertTrue(shown.contains("write"), shown);
    assertFalse(shown.contains("\u001b"), shown);
  }

  @Test
  void aDumbTerminalOrNoTerminalSeesNothing() {
    assertEquals("", draw(true, Map.of("TERM", "dumb")));
    assertEquals("", draw(false, Map.of("TERM", "xterm")));
  }

  @Test
  void aPhaseQuickerThanThePatienceShowsNothing() {
    try (ProgressView view = ProgressView.of(true, Map.of("TERM", "xterm"), new PrintStream(
        drawn, true, StandardCharsets.UTF_8), Duration.ofHours(1))) {
      view.show("write", ProgressView.Unit.BYTES, 50_000_000, 25_000_000);
    }
    assertEquals("", drawn.toString(StandardCharsets.UTF_8));
  }
}
