package org.gapsync.platform.console;

import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.ledger.Ledger;

/**
 * What an application's console shows: its pages, under a title, and how to reach the ledger
 * each request reads (opened for the request and let go after it, so that the platform's
 * commands run between requests).
 *
 * @param title what the console is, such as {@code Source platform archive-lan}
 * @param organisation the archive that keeps it, or empty
 * @param software the application and its version
 * @param zone the time zone pages show times in
 * @param roles the roles that may sign in
 * @param pages its pages; the first is its home page
 * @param ledger the platform's ledger
 */
public record ConsoleSite(String title, String organisation, String software, ZoneId zone,
    Set<Role> roles, List<ConsolePage> pages, Ledgers ledger) {
  /** Opens and lets go of the platform's ledger, and names its audit trail's hash. */
  public interface Ledgers {
    /** Opens the ledger for one request. */
    Ledger<?> open() throws IOException;

    /** Lets the ledger go after the request. */
    void release() throws IOException;

    /** Returns the hash function the platform's audit events are hashed with. */
    String digest() throws IOException;
  }

  /** Checks and copies the parts. */
  public ConsoleSite {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(software, "software");
    Objects.requireNonNull(zone, "zone");
    roles = Set.copyOf(roles);
    pages = List.copyOf(pages);
    if (pages.isEmpty()) {
      throw new IllegalArgumentException("a console needs a page");
    }
    Objects.requireNonNull(ledger, "ledger");
  }
}
