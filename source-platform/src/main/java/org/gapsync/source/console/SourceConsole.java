package org.gapsync.source.console;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.platform.cli.TimeBound;
import org.gapsync.platform.console.AuditPage;
import org.gapsync.platform.console.ConsoleAnswer;
import org.gapsync.platform.console.ConsolePage;
import org.gapsync.platform.console.ConsoleRequest;
import org.gapsync.platform.form.FormPdf;
import org.gapsync.platform.form.TransferForm;
import org.gapsync.platform.media.MissingToolException;
import org.gapsync.platform.page.Templates;
import org.gapsync.source.export.SelectionException;
import org.gapsync.source.export.UnknownDestinationException;
import org.gapsync.source.ledger.BrowseTables;
import org.gapsync.source.ledger.Destination;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.StoredRecord;
import org.gapsync.source.report.LedgerReport;
import org.gapsync.source.report.LedgerReporter;
import org.gapsync.source.report.PackageForms;
import org.gapsync.source.report.ReportPage;
import org.gapsync.source.report.ReportWriter;
import picocli.CommandLine;

/**
 * The source platform's console pages: each behind the roles of the command that shows the
 * same on the command line ({@link Guards}), reading the ledger of the request.
 *
 * <pre>{@code
 * List<ConsolePage> pages = new SourceConsole("archive-lan", "City Archives",
 *     "gapsync 0.1.0", guards).pages();
 * }</pre>
 */
public final class SourceConsole {
  /** How many records a search shows, and packages the packages page. */
  public static final int LIMIT = 200;

  private final String platform;
  private final String organisation;
  private final String software;
  private final Guards guards;
  private final Templates templates = new Templates(SourceConsole.class,
      "org.gapsync.source.page.jte");

  /**
   * The commands whose roles guard each page.
   *
   * @param status the dashboard's: {@code status}
   * @param query the search's and the packages': {@code ledger query}
   * @param history a record's: {@code ledger history}
   * @param events the audit trail's: {@code ledger events}
   * @param report the reports': {@code ledger report}
   * @param form the forms': {@code package form}
   */
  public record Guards(Class<?> status, Class<?> query, Class<?> history, Class<?> events,
      Class<?> report, Class<?> form) {}

  /** Creates the pages of the console of {@code platform}, kept by {@code organisation}. */
  public SourceConsole(String platform, String organisation, String software, Guards guards) {
    this.platform = Objects.requireNonNull(platform, "platform");
    this.organisation = Objects.requireNonNull(organisation, "organisation");
    this.software = Objects.requireNonNull(software, "software");
    this.guards = Objects.requireNonNull(guards, "guards");
  }

  /** Returns the pages, the dashboard first. */
  public List<ConsolePage> pages() {
    ConsolePage form = ConsolePage.of("/form", "", guards.form(), this::form);
    ConsolePage report = ConsolePage.of("/reports", "Reports", guards.report(),
        r -> reports(r, form));
    return List.of(
        ConsolePage.of("/", "Dashboard", guards.status(), r -> dashboard(r, report)),
        ConsolePage.of("/records", "Records", guards.query(), this::records),
        ConsolePage.of("/record", "", guards.history(), this::record),
        ConsolePage.of("/packages", "Packages", guards.query(), r -> packages(r, form)),
        AuditPage.page(guards.events()),
        AuditPage.download(guards.events()),
        report,
        ConsolePage.of("/report", "", guards.report(), r -> report(r, ReportWriter.Format.html)),
        ConsolePage.of("/report.csv", "", guards.report(),
            r -> report(r, ReportWriter.Format.csv)),
        ConsolePage.of("/report.json", "", guards.report(),
            r -> report(r, ReportWriter.Format.json)),
        form);
  }

  private static SourceLedger ledger(ConsoleRequest r) {
    return (SourceLedger) r.ledger();
  }

  private ConsoleAnswer dashboard(ConsoleRequest r, ConsolePage report) throws IOException {
    LedgerReport read = new LedgerReporter(ledger(r)).read(LedgerReporter.Selection.all(5),
        platform, organisation, r.at(), r.user());
    ConsolePages.Dashboard page = new ConsolePages.Dashboard(r.view("Dashboard"),
        ReportPage.of(read, r.zone(), software), report.isOpenTo(r.roles()));
    return ConsoleAnswer.page(out -> templates.write("console-dashboard.jte", page, out));
  }

  private ConsoleAnswer records(ConsoleRequest r) throws IOException {
    String field = r.param("in").orElse("any");
    Optional<BrowseTables.Field> in = BrowseTables.Field.of(field);
    if (in.isEmpty()) {
      return ConsoleAnswer.badRequest("'" + field + "' is not a field to search: give any, "
          + "id, title, fonds or year");
    }
    Optional<String> text = r.param("q");
    List<BrowseTables.Found> found = text.isEmpty() ? List.of() : ledger(r).inSnapshot(
        tx -> tx.browse().search(in.get(), text.get(), LIMIT));
    ConsolePages.Records page = new ConsolePages.Records(r.view("Records"), text.orElse(""),
        in.get().name().toLowerCase(java.util.Locale.ROOT), found, LIMIT);
    return ConsoleAnswer.page(out -> templates.write("console-records.jte", page, out));
  }

  private ConsoleAnswer record(ConsoleRequest r) throws IOException {
    Optional<String> id = r.param("id");
    if (id.isEmpty()) {
      return ConsoleAnswer.badRequest("which record? Give its archival id: /record?id=ID");
    }
    Optional<ConsolePages.Record> page = ledger(r).inSnapshot(tx -> {
      Optional<StoredRecord> found = tx.records().get(id.get());
      if (found.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ConsolePages.Record(r.view("Record " + id.get()), found.get(),
          tx.records().fields(id.get()), tx.sync().rows(id, Optional.empty(),
              Optional.empty()), tx.sync().history(id.get())));
    });
    if (page.isEmpty()) {
      return ConsoleAnswer.notFound("The ledger knows no record " + id.get() + ".");
    }
    return ConsoleAnswer.page(out -> templates.write("console-record.jte", page.get(), out));
  }

  private ConsoleAnswer packages(ConsoleRequest r, ConsolePage form) throws IOException {
    Optional<String> destination = r.param("destination");
    List<String> destinations = destinations(r);
    if (destination.isPresent() && !destinations.contains(destination.get())) {
      return ConsoleAnswer.notFound("The ledger knows no destination " + destination.get()
          + ".");
    }
    List<BrowseTables.Sent> sent = ledger(r).inSnapshot(tx -> tx.browse().packages(
        destination, LIMIT));
    ConsolePages.Packages page = new ConsolePages.Packages(r.view("Packages"),
        destination.orElse(""), destinations, sent, LIMIT, form.isOpenTo(r.roles()));
    return ConsoleAnswer.page(out -> templates.write("console-packages.jte", page, out));
  }

  private ConsoleAnswer reports(ConsoleRequest r, ConsolePage form) throws IOException {
    ConsolePages.Reports page = new ConsolePages.Reports(r.view("Reports and forms"),
        destinations(r), form.isOpenTo(r.roles()));
    return ConsoleAnswer.page(out -> templates.write("console-reports.jte", page, out));
  }

  private ConsoleAnswer report(ConsoleRequest r, ReportWriter.Format format)
      throws IOException {
    Optional<Instant> since;
    try {
      since = r.param("since").map(s -> TimeBound.parse(s).start(r.zone()));
    } catch (CommandLine.TypeConversionException e) {
      return ConsoleAnswer.badRequest(e.getMessage());
    }
    LedgerReport report;
    try {
      report = new LedgerReporter(ledger(r)).read(new LedgerReporter.Selection(
          r.param("destination"), since, 100), platform, organisation, r.at(), r.user());
    } catch (UnknownDestinationException e) {
      return ConsoleAnswer.notFound(e.getMessage());
    }
    ReportWriter writer = new ReportWriter(r.zone(), software);
    if (format == ReportWriter.Format.html) {
      return ConsoleAnswer.page(out -> writer.write(report, format, out));
    }
    String day = r.at().atZone(r.zone()).toLocalDate().toString();
    return ConsoleAnswer.download("ledger-report-" + platform + "-" + day + "." + format,
        format == ReportWriter.Format.csv ? "text/csv; charset=utf-8"
            : "application/json; charset=utf-8", o -> {
              Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
              writer.write(report, format, w);
              w.flush();
            });
  }

  private ConsoleAnswer form(ConsoleRequest r) throws IOException {
    Optional<String> id = r.param("package");
    if (id.isEmpty()) {
      return ConsoleAnswer.badRequest("which package? Give its id: /form?package=ID");
    }
    PackageId packageId;
    FormPdf.Lang lang;
    try {
      packageId = PackageId.of(id.get());
      lang = FormPdf.Lang.valueOf(r.param("lang").orElse("zh"));
    } catch (IllegalArgumentException e) {
      return ConsoleAnswer.badRequest("give a package id and lang zh or en: " + e.getMessage());
    }
    TransferForm form;
    java.nio.file.Path font;
    try {
      font = FormPdf.font(Optional.empty());
      form = new PackageForms(ledger(r), r.zone()).read(packageId, lang, platform,
          organisation);
    } catch (SelectionException e) {
      return ConsoleAnswer.notFound(e.getMessage());
    } catch (MissingToolException e) {
      return ConsoleAnswer.unavailable(e.getMessage());
    }
    return ConsoleAnswer.download(("form-" + packageId + "-" + lang + ".pdf").replaceAll(
        "[^A-Za-z0-9._-]", "_"), "application/pdf",
        o -> new FormPdf(lang, font).write(form, o));
  }

  private static List<String> destinations(ConsoleRequest r) throws IOException {
    return ledger(r).inSnapshot(tx -> tx.sync().destinations()).stream().map(Destination::id)
        .toList();
  }
}
