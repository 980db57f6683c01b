package org.gapsync.target.ingest;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.gapsync.format.receipt.PropertyCheck;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.validation.Finding;

/**
 * The readable report of an import: per package its outcome, the four-property check, every
 * record's outcome and every finding, as plain text or as a self-contained HTML page, written
 * a line at a time as the outcomes' records are walked: a package of a million records is not
 * held as text.
 */
public final class ImportReport {
  private ImportReport() {}

  /** Writes the report as plain text to {@code out}. */
  public static void text(List<ImportOutcome> outcomes, Writer out) throws IOException {
    for (ImportOutcome o : outcomes) {
      out.append("package ").append(o.name()).append('\n');
      out.append("  source: ").append(o.sourceId().orElse("unknown")).append(", sequence ")
          .append(o.sequence() == 0 ? "unknown" : Long.toString(o.sequence())).append('\n');
      out.append("  outcome: ").append(o.kind().name().toLowerCase(java.util.Locale.ROOT))
          .append(" - ").append(o.message()).append('\n');
      for (PropertyCheck c : o.checks()) {
        out.append("  ").append(String.format("%-13s", c.property().name().toLowerCase(
            java.util.Locale.ROOT))).append(c.isPassed() ? "passed  " : "FAILED  ")
            .append(c.detail()).append('\n');
      }
      for (RecordResult r : o.records()) {
        out.append("  record ").append(r.archivalId()).append(" v")
            .append(String.valueOf(r.version())).append(": ")
            .append(r.outcome().name().toLowerCase(java.util.Locale.ROOT))
            .append(r.reason().map(x -> " (" + x + ")").orElse("")).append(", ")
            .append(String.valueOf(r.files().size())).append(" files held\n");
      }
      for (Finding f : o.findings()) {
        out.append("  finding ").append(f.toString()).append('\n');
      }
      if (o.receipt().isPresent()) {
        out.append("  ").append(o.returnedAs()).append(": ").append(o.receipt().get()
            .toString()).append('\n');
      }
    }
  }

  /** Writes the report as an HTML page to {@code out}. */
  public static void html(List<ImportOutcome> outcomes, Writer out) throws IOException {
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head>"
        + "<meta charset=\"utf-8\"><title>gapsync import report</title><style>"
        + "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0}"
        + "td,th{border:1px solid #999;padding:.2em .5em;text-align:left;vertical-align:top}"
        + ".passed{color:#060}.failed{color:#b00;font-weight:bold}</style></head><body>\n"
        + "<h1>Import report</h1>\n");
    for (ImportOutcome o : outcomes) {
      out.append("<h2>").append(escape(o.name()))
          .append("</h2>\n<p>Source <b>").append(escape(o.sourceId().orElse("unknown")))
          .append("</b>, sequence ").append(String.valueOf(o.sequence())).append(": <b>")
          .append(o.kind().name().toLowerCase(java.util.Locale.ROOT)).append("</b> &mdash; ")
          .append(escape(o.message())).append("</p>\n");
      if (!o.checks().isEmpty()) {
        out.append("<table><tr><th>Property</th><th>Result</th><th>Detail</th></tr>\n");
        for (PropertyCheck c : o.checks()) {
          String cls = c.isPassed() ? "passed" : "failed";
          out.append("<tr><td>").append(c.property().name().toLowerCase(java.util.Locale.ROOT))
              .append("</td><td class=\"").append(cls).append("\">").append(cls)
              .append("</td><td>").append(escape(c.detail())).append("</td></tr>\n");
        }
        out.append("</table>\n");
      }
      if (!o.records().isEmpty()) {
        out.append("<table><tr><th>Record</th><th>Version</th><th>Outcome</th>"
            + "<th>Files held</th></tr>\n");
        for (RecordResult r : o.records()) {
          out.append("<tr><td>").append(escape(r.archivalId())).append("</td><td>")
              .append(String.valueOf(r.version())).append("</td><td>").append(r.outcome().name()
              .toLowerCase(java.util.Locale.ROOT)).append(escape(r.reason().map(x -> ": " + x)
              .orElse(""))).append("</td><td>").append(String.valueOf(r.files().size()))
              .append("</td></tr>\n");
        }
        out.append("</table>\n");
      }
      if (!o.findings().isEmpty()) {
        out.append("<ul>\n");
        for (Finding f : o.findings()) {
          out.append("<li>").append(escape(f.toString())).append("</li>\n");
        }
        out.append("</ul>\n");
      }
    }
    out.append("</body></html>\n");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
