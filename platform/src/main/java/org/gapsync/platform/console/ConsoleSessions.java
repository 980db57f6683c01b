package org.gapsync.platform.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is signed in to a console. On its own machine the console prints a link with a one-time
 * token: the first request that brings it signs in the user who started the console, and the
 * token is spent. Beyond it, people sign in with a password. Either way the browser then holds
 * a session: a random id in a cookie, ended by signing out, by {@value #IDLE_MINUTES} minutes
 * without a request, or after {@value #LONGEST_HOURS} hours. The oldest session gives way when
 * {@value #MOST} are open.
 */
public final class ConsoleSessions {
  /** Minutes without a request that end a session. */
  public static final int IDLE_MINUTES = 30;

  /** Hours after which a session ends however busy. */
  public static final int LONGEST_HOURS = 12;

  /** Sessions open at most at once. */
  public static final int MOST = 64;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Map<String, Session> sessions = new HashMap<>();
  private String token;

  private record Session(String user, Instant started, Instant seen) {}

  /**
   * Creates the sessions of a console, with a one-time token when {@code withToken}, reading
   * time from {@code clock}.
   */
  public ConsoleSessions(Clock clock, boolean withToken) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.token = withToken ? randomId() : null;
  }

  /** Returns the one-time token, until it is spent. */
  public synchronized Optional<String> token() {
    return Optional.ofNullable(token);
  }

  /**
   * Spends the one-time token if {@code offered} is it, and returns the new session's id for
   * {@code user}; empty when it is not, or was spent already.
   */
  public synchronized Optional<String> spend(String offered, String user) {
    if (token == null || offered == null || !MessageDigest.isEqual(
        token.getBytes(StandardCharsets.US_ASCII), offered.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    token = null;
    return Optional.of(open(user));
  }

  /** Opens a session for {@code user}, who has signed in, and returns its id. */
  public synchronized String open(String user) {
    if (sessions.size() >= MOST) {
      sessions.entrySet().stream().min(Comparator.comparing(e -> e.getValue().seen()))
          .map(Map.Entry::getKey).ifPresent(sessions::remove);
    }
    String id = randomId();
    Instant now = clock.instant();
    sessions.put(id, new Session(user, now, now));
    return id;
  }

  /**
   * Returns the user of the session {@code id}, if it is open and not expired, and notes the
   * request; an expired one is closed.
   */
  public synchronized Optional<String> user(String id) {
    Session s = id == null ? null : sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isAfter(s.seen().plus(Duration.ofMinutes(IDLE_MINUTES)))
        || now.isAfter(s.started().plus(Duration.ofHours(LONGEST_HOURS)))) {
      sessions.remove(id);
      return Optional.empty();
    }
    sessions.put(id, new Session(s.user(), s.started(), now));
    return Optional.of(s.user());
  }

  /** Closes the session {@code id}, if open. */
  public synchronized void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  private static String randomId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
