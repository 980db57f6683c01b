package org.gapsync.source.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.gapsync.format.PackageId;
import org.gapsync.platform.page.Templates;
import org.gapsync.source.ledger.PackageRow;
import org.gapsync.source.ledger.ReportTables;
import org.gapsync.source.ledger.SyncState;

/**
 * Writes a {@link LedgerReport} as a page people print (HTML, through the {@code
 * ledger-report.jte} template), as CSV for spreadsheets (one row per figure or listed entry,
 * its section first, through Commons CSV), or as one JSON object for programs.
 */
public final class ReportWriter {
  /** How a report is written, as {@code --format} names it. */
  public enum Format {
    /** A page to print. */
    html,
    /** Comma-separated values, a row per figure or entry. */
    csv,
    /** One JSON object. */
    json
  }

  private static final String[] COLUMNS = {"section", "destination", "archivalId", "title",
      "version", "state", "count", "at", "attempts", "packageId", "detail"};

  private static final Templates PAGES = new Templates(ReportWriter.class,
      "org.gapsync.source.page.jte");

  private final ZoneId zone;
  private final String software;

  /** Creates a writer showing times in {@code zone}, naming {@code software} on pages. */
  public ReportWriter(ZoneId zone, String software) {
    this.zone = zone;
    this.software = software;
  }

  /** Writes {@code report} in {@code format} to {@code out}. */
  public void write(LedgerReport report, Format format, Writer out) throws IOException {
    switch (format) {
      case html -> PAGES.write("ledger-report.jte", ReportPage.of(report, zone, software), out);
      case csv -> csv(report, out);
      case json -> json(report, out);
      default -> throw new AssertionError(format);
    }
    out.flush();
  }

  private static void csv(LedgerReport r, Writer out) throws IOException {
    CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(COLUMNS).setRecordSeparator("\n")
        .get().print(out);
    csv.printRecord("report", r.destination().orElse(""), "", "", "", "", "", r.at(), "", "",
        "platform " + r.platform() + ", by " + r.by() + ", " + r.since().map(s -> "since " + s)
            .orElse("all time") + ", at most " + r.limit() + " entries a list");
    for (LedgerReport.DestinationPart d : r.destinations()) {
      for (SyncState s : SyncState.values()) {
        csv.printRecord("records", d.id(), "", "", "", s.label(), d.states().get(s), "", "", "",
            "");
      }
      csv.printRecord("confirmed", d.id(), "", "", "", "confirmed", d.confirmed().count(),
          text(d.confirmed().last()), "", "", d.confirmed().first().map(f -> "first " + f)
              .orElse(""));
      csv.printRecord("last-package", d.id(), "", "", "", "", "", d.lastPackage().map(p -> p
          .createdAt().toString()).orElse(""), "", d.lastPackage().map(p -> p.id().value())
          .orElse(""), "");
      csv.printRecord("last-receipt", d.id(), "", "", "", "", "", text(d.lastReceipt()), "", "",
          "");
      lines(csv, "failed", d.id(), d.failed());
      lines(csv, "waiting", d.id(), d.waiting());
      for (LedgerReport.Unanswered u : d.unanswered().shown()) {
        PackageRow p = u.row();
        csv.printRecord("without-receipt", d.id(), "", "", "", "exported", p.recordCount(),
            p.createdAt(), "", p.id().value(), p.medium() + (u.volumeCount() == 0 ? ""
                : "; volumes without receipts " + u.openVolumes() + " of " + u.volumeCount()));
      }
    }
    for (ReportTables.Unselected u : r.unselected().shown()) {
      csv.printRecord("unselected", "", u.archivalId(), u.title(), "", "", "", "", "", "",
          u.fonds() + " " + u.year());
    }
    csv.printRecord("audit-trail", "", "", "", "", r.chain().audit().isIntact() ? "intact"
        : "broken", r.chain().audit().events(), "", "", "", r.chain().audit().firstBreak()
            .orElse("head " + r.chain().audit().head()));
    csv.printRecord("sync-events", "", "", "", "", r.chain().states().isIntact() ? "intact"
        : "broken", "", "", "", "", r.chain().states().isIntact() ? r.chain().states()
            .summary() : String.join("; ", r.chain().states().problems()));
    csv.flush();
  }

  private static void lines(CSVPrinter csv, String section, String destination,
      LedgerReport.Part<ReportTables.Line> part) throws IOException {
    for (ReportTables.Line l : part.shown()) {
      csv.printRecord(section, destination, l.row().archivalId(), l.title(), l.row().version(),
          l.row().state().label(), "", l.row().updatedAt(), l.row().attempts(), l.row()
              .packageId().map(PackageId::value).orElse(""), l.row().lastFailure().orElse(""));
    }
  }

  private static String text(Optional<Instant> at) {
    return at.map(Instant::toString).orElse("");
  }

  private static void json(LedgerReport r, Writer out) throws IOException {
    JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
    json.writeStartObject();
    json.writeStringField("platform", r.platform());
    json.writeStringField("organisation", r.organisation());
    json.writeStringField("at", r.at().toString());
    json.writeStringField("by", r.by());
    json.writeStringField("destination", r.destination().orElse(null));
    json.writeStringField("since", r.since().map(Instant::toString).orElse(null));
    json.writeNumberField("limit", r.limit());
    json.writeArrayFieldStart("destinations");
    for (LedgerReport.DestinationPart d : r.destinations()) {
      json.writeStartObject();
      json.writeStringField("id", d.id());
      json.writeStringField("template", d.template());
      json.writeObjectFieldStart("records");
      for (SyncState s : SyncState.values()) {
        json.writeNumberField(s.label(), d.states().get(s));
      }
      json.writeEndObject();
      json.writeObjectFieldStart("confirmed");
      json.writeNumberField("count", d.confirmed().count());
      json.writeStringField("first", d.confirmed().first().map(Instant::toString).orElse(null));
      json.writeStringField("last", d.confirmed().last().map(Instant::toString).orElse(null));
      json.writeEndObject();
      json.writeStringField("lastPackage", d.lastPackage().map(p -> p.id().value())
          .orElse(null));
      json.writeStringField("lastReceipt", d.lastReceipt().map(Instant::toString).orElse(null));
      lines(json, "failed", d.failed());
      lines(json, "waiting", d.waiting());
      json.writeObjectFieldStart("withoutReceipt");
      json.writeNumberField("total", d.unanswered().total());
      json.writeArrayFieldStart("shown");
      for (LedgerReport.Unanswered u : d.unanswered().shown()) {
        json.writeStartObject();
        json.writeStringField("packageId", u.row().id().value());
        json.writeNumberField("sequence", u.row().sequence());
        json.writeStringField("built", u.row().createdAt().toString());
        json.writeStringField("operator", u.row().operator());
        json.writeNumberField("records", u.row().recordCount());
        json.writeNumberField("bytes", u.row().bytes());
        json.writeStringField("medium", u.row().medium());
        json.writeNumberField("volumes", u.volumeCount());
        json.writeArrayFieldStart("volumesWithoutReceipt");
        for (int v : u.openVolumes()) {
          json.writeNumber(v);
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeObjectFieldStart("unselected");
    json.writeNumberField("total", r.unselected().total());
    json.writeArrayFieldStart("shown");
    for (ReportTables.Unselected u : r.unselected().shown()) {
      json.writeStartObject();
      json.writeStringField("archivalId", u.archivalId());
      json.writeStringField("title", u.title());
      json.writeStringField("fonds", u.fonds());
      json.writeStringField("year", u.year());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeObjectFieldStart("chain");
    json.writeBooleanField("auditTrailIntact", r.chain().audit().isIntact());
    json.writeNumberField("auditEvents", r.chain().audit().events());
    json.writeStringField("auditHead", r.chain().audit().head());
    json.writeStringField("auditBreak", r.chain().audit().firstBreak().orElse(null));
    json.writeBooleanField("syncEventsIntact", r.chain().states().isIntact());
    json.writeStringField("syncEvents", r.chain().states().summary());
    json.writeArrayFieldStart("syncEventProblems");
    for (String p : r.chain().states().problems()) {
      json.writeString(p);
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndObject();
    json.flush();
    out.write('\n');
  }

  private static void lines(JsonGenerator json, String field,
      LedgerReport.Part<ReportTables.Line> part) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeNumberField("total", part.total());
    json.writeArrayFieldStart("shown");
    for (ReportTables.Line l : part.shown()) {
      json.writeStartObject();
      json.writeStringField("archivalId", l.row().archivalId());
      json.writeStringField("title", l.title());
      json.writeNumberField("version", l.row().version());
      json.writeStringField("change", l.row().change());
      json.writeStringField("state", l.row().state().label());
      json.writeStringField("since", l.row().updatedAt().toString());
      json.writeNumberField("attempts", l.row().attempts());
      json.writeStringField("packageId", l.row().packageId().map(PackageId::value)
          .orElse(null));
      json.writeStringField("why", l.row().lastFailure().orElse(null));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
