package org.gapsync.target.ingest;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.gapsync.format.receipt.PropertyCheck;
import org.gapsync.format.validation.Finding;
import org.gapsync.platform.page.Heading;
import org.gapsync.platform.page.Templates;

/**
 * The report of an import: per package its outcome, the four-property check, every record's
 * title and what became of it, and every finding. The plain text body travels in each receipt;
 * the document an operator files ({@code package import --report}) adds who imported what,
 * where and when, and a sign-off block, as text or as a page to print (through the {@code
 * import-report.jte} template). Both are written as the outcomes' records are walked: a package
 * of a million records is not held as text.
 */
public final class ImportReport {
  private static final Templates PAGES = new Templates(ImportReport.class,
      "org.gapsync.target.page.jte");

  private ImportReport() {}

  /**
   * Who imported, where and when, as the report's document says.
   *
   * @param target the target platform's id
   * @param organisation the organisation that keeps it, or empty
   * @param operator who ran the import
   * @param at when the report was written
   * @param zone the time zone its times are shown in
   * @param software the application and its version
   */
  public record Context(String target, String organisation, String operator, Instant at,
      ZoneId zone, String software) {
    /** Checks the parts. */
    public Context {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(organisation, "organisation");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(software, "software");
    }

    /** Returns what heads the report's page. */
    public Heading heading() {
      return Heading.of("Import report", "Target platform " + target + (organisation.isBlank()
          ? "" : ", " + organisation), at.atZone(zone), operator, software);
    }
  }

  /** Writes the report's body as plain text to {@code out}: what a receipt carries. */
  public static void text(List<ImportOutcome> outcomes, Writer out) throws IOException {
    for (ImportOutcome o : outcomes) {
      out.append("package ").append(o.name()).append('\n');
      out.append("  source: ").append(o.sourceId().orElse("unknown")).append(", sequence ")
          .append(o.sequence() == 0 ? "unknown" : Long.toString(o.sequence())).append('\n');
      out.append("  outcome: ").append(o.kind().name().toLowerCase(Locale.ROOT))
          .append(" - ").append(o.message()).append('\n');
      for (PropertyCheck c : o.checks()) {
        out.append("  ").append(String.format("%-13s", c.property().name().toLowerCase(
            Locale.ROOT))).append(c.isPassed() ? "passed  " : "FAILED  ")
            .append(c.detail()).append('\n');
      }
      for (ImportedRecord r : o.records()) {
        out.append("  record ").append(r.result().archivalId()).append(" v")
            .append(String.valueOf(r.result().version()))
            .append(r.title().isEmpty() ? "" : " \u300c" + r.title() + "\u300d").append(": ")
            .append(r.outcome()).append(r.result().reason().map(x -> " (" + x + ")")
                .orElse("")).append(", ").append(String.valueOf(r.result().files().size()))
            .append(" files held\n");
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

  /**
   * Writes the report as the document an operator files, in plain text: who imported where
   * and when, the body, and lines to sign.
   */
  public static void document(Context context, List<ImportOutcome> outcomes, Writer out)
      throws IOException {
    Heading h = context.heading();
    out.append(h.title()).append('\n').append(h.subtitle()).append('\n').append("Dated ")
        .append(h.dated()).append(", by ").append(h.by()).append(", ").append(h.software())
        .append("\n\n");
    text(outcomes, out);
    out.append("\nImported by: ").append(context.operator())
        .append("    Checked by: ____________    Date: ____________    Signature and seal: "
            + "____________\n");
  }

  /** Writes the report as a page to print to {@code out}. */
  public static void html(Context context, List<ImportOutcome> outcomes, Writer out)
      throws IOException {
    PAGES.write("import-report.jte", new ImportReportPage(context, outcomes), out);
    out.flush();
  }
}
