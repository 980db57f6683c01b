package org.gapsync.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sessions: a token that signs in once, and sessions that end when idle or old. */
class ConsoleSessionsTest {
  /** A clock the test moves. */
  private static final class Moving extends Clock {
    private Instant now = Instant.parse("2026-12-01T09:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void pass(Duration d) {
      now = now.plus(d);
    }
  }

  @Test
  void theTokenSignsInOnceAndOnlyItself() {
    ConsoleSessions sessions = new ConsoleSessions(new Moving(), true);
    String token = sessions.token().orElseThrow();
    assertEquals(Optional.empty(), sessions.spend(token + "x", "li.na"));
    assertEquals(Optional.empty(), sessions.spend(null, "li.na"));
    String id = sessions.spend(token, "li.na").orElseThrow();
    assertEquals(Optional.of("li.na"), sessions.user(id));
    assertEquals(Optional.empty(), sessions.token());
    assertEquals(Optional.empty(), sessions.spend(token, "li.na"));
    assertEquals(Optional.empty(), new ConsoleSessions(new Moving(), false).token());
  }

  @Test
  void aSessionEndsWhenIdleOrOldOrClosed() {
    Moving clock = new Moving();
    ConsoleSessions sessions = new ConsoleSessions(clock, false);
    String idle = sessions.open("li.na");
    String busy = sessions.open("wang.wei");
    for (int i = 0; i < 24; i++) {
      clock.pass(Duration.ofMinutes(29));
      assertEquals(Optional.of("wang.wei"), sessions.user(busy), "after " + i);
    }
    assertEquals(Optional.empty(), sessions.user(idle));
    clock.pass(Duration.ofHours(1));
    String other = sessions.open("li.na");
    assertEquals(Optional.empty(), sessions.user(busy), "12 hours are the most");
    sessions.close(other);
    assertEquals(Optional.empty(), sessions.user(other));
    assertTrue(sessions.user(null).isEmpty());
  }
}
