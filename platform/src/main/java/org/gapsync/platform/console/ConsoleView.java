package org.gapsync.platform.console;

import gg.jte.Content;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.platform.page.Heading;

/**
 * The frame a console page is shown in: its heading, the console's navigation, and the time
 * zone its times are shown in. A page's template ends with
 * {@code ${Layout.page(view.heading(), view.nav(), body)}}.
 *
 * @param heading what heads the page: its title, the platform, when, for whom
 * @param nav the navigation: the pages the user may see, who is signed in, signing out
 * @param zone the time zone of the page's times
 */
public record ConsoleView(Heading heading, Content nav, ZoneId zone) {
  /** Checks the parts. */
  public ConsoleView {
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(nav, "nav");
    Objects.requireNonNull(zone, "zone");
  }

  /** Returns {@code at} as the page shows a time: {@code 2026-12-03 20:52 +08:00}. */
  public String when(Instant at) {
    return Heading.dated(at.atZone(zone));
  }

  /** Returns {@code at} as the page shows a time, or a dash. */
  public String when(Optional<Instant> at) {
    return at.map(this::when).orElse("—");
  }

  /** Returns {@code bytes} in megabytes, or in gigabytes from one, to three decimals. */
  public String size(long bytes) {
    return bytes >= 1_000_000_000L ? String.format(java.util.Locale.ROOT, "%.3f GB",
        bytes / 1e9) : String.format(java.util.Locale.ROOT, "%.3f MB", bytes / 1e6);
  }

  /** Returns {@code path} with its query {@code pairs}, each value encoded. */
  public String link(String path, String... pairs) {
    return ConsoleRequest.link(path, pairs);
  }
}
