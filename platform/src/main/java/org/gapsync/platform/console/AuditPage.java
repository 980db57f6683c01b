package org.gapsync.platform.console;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.platform.audit.AuditEvent;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.cli.AuditEventsCommand;
import org.gapsync.platform.cli.Listing;
import org.gapsync.platform.cli.TimeBound;
import org.gapsync.platform.page.Templates;
import picocli.CommandLine;

/**
 * The console's audit trail ({@code console-audit.jte}), the same on both platforms: the events
 * a selection picks (since, until, user, command), the newest {@value #SHOWN} first, each with
 * its hash and whether the chain holds up to it, and the check of the whole chain, as
 * {@code ledger events} lists them.
 *
 * @param view its frame
 * @param since the period's start as given, or empty
 * @param until the period's last day or time as given, or empty
 * @param user only this user's events, or empty
 * @param command only this command's events, or empty
 * @param events the events shown, newest first, each with whether the chain holds up to it
 * @param selected how many events the selection picked
 * @param check the check of the whole chain
 */
public record AuditPage(ConsoleView view, String since, String until, String user,
    String command, List<Listed> events, long selected, AuditTrail.Check check) {
  /** The most events the page shows: the newest of those selected. */
  public static final int SHOWN = 500;

  /**
   * An event as the page lists it.
   *
   * @param event the event
   * @param holds whether the chain holds from the first event up to it
   */
  public record Listed(AuditEvent event, boolean holds) {}

  /** Checks and copies the parts. */
  public AuditPage {
    Objects.requireNonNull(view, "view");
    events = List.copyOf(events);
    Objects.requireNonNull(check, "check");
  }

  /** Returns the page at {@code /audit} that the roles of {@code command} may see. */
  public static ConsolePage page(Class<?> command) {
    Templates templates = new Templates(AuditPage.class, "org.gapsync.platform.page.jte");
    return ConsolePage.of("/audit", "Audit trail", command, r -> answer(r, templates));
  }

  /**
   * Returns the download at {@code /audit.csv} that the roles of {@code command} may see: the
   * events the same selection picks, every one, as {@code ledger events --format csv} lists
   * them.
   */
  public static ConsolePage download(Class<?> command) {
    return ConsolePage.of("/audit.csv", "", command, AuditPage::csv);
  }

  private static ConsoleAnswer csv(ConsoleRequest r) throws IOException {
    Optional<AuditTrail.Selection> selection;
    try {
      selection = Optional.of(selection(r));
    } catch (CommandLine.TypeConversionException e) {
      return ConsoleAnswer.badRequest(e.getMessage());
    }
    String day = r.at().atZone(r.zone()).toLocalDate().toString();
    return ConsoleAnswer.download("audit-trail-" + day + ".csv", "text/csv; charset=utf-8",
        o -> {
          PrintWriter w = new PrintWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8));
          try (Listing list = Listing.of(Listing.Format.csv, w, AuditEventsCommand.COLUMNS)) {
            AuditTrail.of(r.ledger()).list(selection.get(), (e, holds) -> list.row(
                AuditEventsCommand.row(e, holds, false)));
          }
          w.flush();
        });
  }

  private static AuditTrail.Selection selection(ConsoleRequest r) {
    Optional<Instant> from = r.param("since").map(s -> TimeBound.parse(s).start(r.zone()));
    Optional<Instant> before = r.param("until").map(s -> TimeBound.parse(s).end(r.zone()));
    return new AuditTrail.Selection(from, before, r.param("user"), r.param("command"));
  }

  private static ConsoleAnswer answer(ConsoleRequest r, Templates templates)
      throws IOException {
    AuditTrail.Selection selection;
    try {
      selection = selection(r);
    } catch (CommandLine.TypeConversionException e) {
      return ConsoleAnswer.badRequest(e.getMessage());
    }
    Deque<Listed> newest = new ArrayDeque<>();
    long[] selected = {0};
    AuditTrail.Check check = AuditTrail.of(r.ledger()).list(selection, (e, holds) -> {
          selected[0]++;
          if (newest.size() == SHOWN) {
            newest.removeFirst();
          }
          newest.addLast(new Listed(e, holds));
        });
    List<Listed> shown = new ArrayList<>(newest);
    Collections.reverse(shown);
    AuditPage page = new AuditPage(r.view("Audit trail"), r.param("since").orElse(""),
        r.param("until").orElse(""), r.param("user").orElse(""), r.param("command")
            .orElse(""), shown, selected[0], check);
    return ConsoleAnswer.page(out -> templates.write("console-audit.jte", page, out));
  }
}
