package org.gapsync.source.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.gapsync.platform.page.Heading;

/**
 * A ledger report as its page shows it: the report, its heading, and its times in the
 * platform's time zone. What the report's template ({@code ledger-report.jte}) reads.
 *
 * @param report the report
 * @param heading what heads its page
 * @param zone the time zone its times are shown in
 */
public record ReportPage(LedgerReport report, Heading heading, ZoneId zone) {
  /** Returns the page of {@code report}, headed for its platform and software. */
  public static ReportPage of(LedgerReport report, ZoneId zone, String software) {
    String subtitle = "Source platform " + report.platform()
        + (report.organisation().isBlank() ? "" : ", " + report.organisation()) + " — "
        + report.destination().map(d -> "destination " + d).orElse("every destination")
        + ", " + report.since().map(s -> "since " + Heading.dated(s.atZone(zone)))
            .orElse("all time");
    return new ReportPage(report, Heading.of("Sync ledger report", subtitle,
        report.at().atZone(zone), report.by(), software), zone);
  }

  /** Returns {@code at} as the page shows a time. */
  public String when(Instant at) {
    return Heading.dated(at.atZone(zone));
  }

  /** Returns {@code at} as the page shows a time, or a dash. */
  public String when(Optional<Instant> at) {
    return at.map(this::when).orElse("—");
  }

  /** Returns {@code bytes} in megabytes, or in gigabytes from one, to three decimals. */
  public static String size(long bytes) {
    return bytes >= 1_000_000_000L ? String.format(Locale.ROOT, "%.3f GB", bytes / 1e9)
        : String.format(Locale.ROOT, "%.3f MB", bytes / 1e6);
  }
}
