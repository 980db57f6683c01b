package org.gapsync.target.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.gapsync.format.PackageId;
import org.gapsync.format.receipt.QualityProperty;
import org.gapsync.platform.page.Heading;

/**
 * An import report as its page shows it: what the {@code import-report.jte} template reads.
 *
 * @param context who imported, where and when
 * @param outcomes what became of each package
 */
public record ImportReportPage(ImportReport.Context context, List<ImportOutcome> outcomes) {
  /** Copies the list (the records of each outcome stay walked from their files). */
  public ImportReportPage {
    outcomes = List.copyOf(outcomes);
  }

  /** Returns what heads the page. */
  public Heading heading() {
    return context.heading();
  }

  /** Returns {@code at} as the page shows a time. */
  public String when(Instant at) {
    return Heading.dated(at.atZone(context.zone()));
  }

  /** Returns the id of the receipt that answers {@code o}, or a dash when none does. */
  public static String receiptId(ImportOutcome o) {
    return o.receipt().isPresent() && o.kind() != ImportOutcome.Kind.WAITING
        ? o.packageId().map(PackageId::receipt).map(PackageId::value).orElse("—") : "—";
  }

  /** Returns a property of the four-property check as the transfer rules name it. */
  public static String property(QualityProperty p) {
    return switch (p) {
      case AUTHENTICITY -> "Authenticity (真实性)";
      case INTEGRITY -> "Integrity (完整性)";
      case USABILITY -> "Usability (可用性)";
      case SECURITY -> "Security (安全性)";
      default -> p.name().toLowerCase(Locale.ROOT);
    };
  }

  /** Returns an outcome's kind as people read it: {@code applied}, {@code rejected}... */
  public static String kind(ImportOutcome o) {
    return o.kind().name().toLowerCase(Locale.ROOT);
  }
}
