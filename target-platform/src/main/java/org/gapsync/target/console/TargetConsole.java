package org.gapsync.target.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.console.AuditPage;
import org.gapsync.platform.console.ConsoleAnswer;
import org.gapsync.platform.console.ConsolePage;
import org.gapsync.platform.console.ConsoleRequest;
import org.gapsync.platform.ferry.FerryStatus;
import org.gapsync.platform.page.Templates;
import org.gapsync.target.ledger.ReceivedPackage;
import org.gapsync.target.ledger.ReplicaRecord;
import org.gapsync.target.ledger.ReplicaTables;
import org.gapsync.target.ledger.TargetLedger;

/**
 * The target platform's console pages: each behind the roles of the command that shows the
 * same on the command line ({@link Guards}), reading the ledger of the request.
 */
public final class TargetConsole {
  /** How many records a search shows, and packages the packages page. */
  public static final int LIMIT = 200;

  private final Path ferry;
  private final Guards guards;
  private final Templates templates = new Templates(TargetConsole.class,
      "org.gapsync.target.page.jte");

  /**
   * The commands whose roles guard each page.
   *
   * @param status the dashboard's and the packages': {@code status}
   * @param show the search's and a record's: {@code replica show}
   * @param events the audit trail's: {@code ledger events}
   */
  public record Guards(Class<?> status, Class<?> show, Class<?> events) {}

  /** Creates the pages of a target whose ferry keeps its status in {@code ferry}. */
  public TargetConsole(Path ferry, Guards guards) {
    this.ferry = Objects.requireNonNull(ferry, "ferry");
    this.guards = Objects.requireNonNull(guards, "guards");
  }

  /** Returns the pages, the dashboard first. */
  public List<ConsolePage> pages() {
    return List.of(
        ConsolePage.of("/", "Dashboard", guards.status(), this::dashboard),
        ConsolePage.of("/records", "Records", guards.show(), this::records),
        ConsolePage.of("/record", "", guards.show(), this::record),
        ConsolePage.of("/packages", "Packages", guards.status(), this::packages),
        AuditPage.page(guards.events()),
        AuditPage.download(guards.events()));
  }

  private static TargetLedger ledger(ConsoleRequest r) {
    return (TargetLedger) r.ledger();
  }

  private ConsoleAnswer dashboard(ConsoleRequest r) throws IOException {
    TargetLedger ledger = ledger(r);
    AuditTrail.Check chain = AuditTrail.of(ledger).verify();
    Optional<FerryStatus> round = FerryStatus.read(ferry);
    ConsolePages.Dashboard page = ledger.inSnapshot(tx -> new ConsolePages.Dashboard(
        r.view("Dashboard"), tx.packages().allProgress(), tx.packages().setsInProgress(),
        tx.packages().waiting(), tx.packages().lastReceipts(10), tx.replica().damage(),
        tx.replica().holding(), chain, round));
    return ConsoleAnswer.page(out -> templates.write("console-dashboard.jte", page, out));
  }

  private ConsoleAnswer records(ConsoleRequest r) throws IOException {
    String field = r.param("in").orElse("any");
    if (!field.equals("any") && !field.equals("id")) {
      return ConsoleAnswer.badRequest("'" + field + "' is not a field to search: give any "
          + "(the id or the title) or id");
    }
    Optional<String> text = r.param("q");
    List<ReplicaTables.Found> found = text.isEmpty() ? List.of() : ledger(r).inSnapshot(
        tx -> tx.replica().search(text.get(), field.equals("id"), LIMIT));
    ConsolePages.Records page = new ConsolePages.Records(r.view("Records"), text.orElse(""),
        field, found, LIMIT);
    return ConsoleAnswer.page(out -> templates.write("console-records.jte", page, out));
  }

  private ConsoleAnswer record(ConsoleRequest r) throws IOException {
    Optional<String> id = r.param("id");
    if (id.isEmpty()) {
      return ConsoleAnswer.badRequest("which record? Give its archival id: /record?id=ID");
    }
    List<ConsolePages.Entry> entries = ledger(r).inSnapshot(tx -> {
      List<ConsolePages.Entry> all = new ArrayList<>();
      for (ReplicaRecord rec : tx.replica().records(id.get())) {
        if (r.param("source").map(rec.sourceId()::equals).orElse(true)) {
          all.add(new ConsolePages.Entry(rec, tx.replica().title(rec.sourceId(),
              rec.archivalId()).orElse(""), tx.replica().files(rec.sourceId(),
                  rec.archivalId()), tx.replica().history(rec.sourceId(), rec.archivalId())));
        }
      }
      return all;
    });
    if (entries.isEmpty()) {
      return ConsoleAnswer.notFound("Record " + id.get() + " is not in this replica.");
    }
    ConsolePages.Record page = new ConsolePages.Record(r.view("Record " + id.get()), entries);
    return ConsoleAnswer.page(out -> templates.write("console-record.jte", page, out));
  }

  private ConsoleAnswer packages(ConsoleRequest r) throws IOException {
    List<ReceivedPackage> recent = ledger(r).inSnapshot(tx -> tx.packages().recent(LIMIT));
    ConsolePages.Packages page = new ConsolePages.Packages(r.view("Packages"), recent, LIMIT);
    return ConsoleAnswer.page(out -> templates.write("console-packages.jte", page, out));
  }
}
