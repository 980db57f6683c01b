package org.gapsync.platform.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.ledger.Ledger;

/**
 * A request a console page answers: who asks, with which roles, the ledger opened for it, what
 * the request's query gives, and the frame its page is shown in.
 */
public final class ConsoleRequest {
  private final String user;
  private final Set<Role> roles;
  private final Ledger<?> ledger;
  private final Map<String, String> query;
  private final Instant at;
  private final ZoneId zone;
  private final Function<String, ConsoleView> views;

  ConsoleRequest(String user, Set<Role> roles, Ledger<?> ledger, Map<String, String> query,
      Instant at, ZoneId zone, Function<String, ConsoleView> views) {
    this.user = Objects.requireNonNull(user, "user");
    this.roles = Set.copyOf(roles);
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.query = Map.copyOf(query);
    this.at = Objects.requireNonNull(at, "at");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.views = Objects.requireNonNull(views, "views");
  }

  /** Returns who is signed in. */
  public String user() {
    return user;
  }

  /** Returns the roles the user holds now. */
  public Set<Role> roles() {
    return roles;
  }

  /** Returns the platform's ledger, open until the answer is written. */
  public Ledger<?> ledger() {
    return ledger;
  }

  /** Returns when the request came. */
  public Instant at() {
    return at;
  }

  /** Returns the time zone pages show times in. */
  public ZoneId zone() {
    return zone;
  }

  /** Returns the frame of this request's page, titled {@code title}. */
  public ConsoleView view(String title) {
    return views.apply(title);
  }

  /** Returns the query parameter {@code name} with its spaces trimmed, unless blank. */
  public Optional<String> param(String name) {
    return Optional.ofNullable(query.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** Returns whether the user holds any of {@code wanted}. */
  public boolean holdsAny(Set<Role> wanted) {
    return roles.stream().anyMatch(wanted::contains);
  }

  /**
   * Returns a link to {@code path} with the query {@code pairs} (name, value, name, value...),
   * each value encoded; for the pages' templates.
   */
  public static String link(String path, String... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("names and values do not pair up: " + pairs.length);
    }
    StringBuilder url = new StringBuilder(path);
    for (int i = 0; i < pairs.length; i += 2) {
      url.append(i == 0 ? '?' : '&').append(pairs[i]).append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return url.toString();
  }
}
