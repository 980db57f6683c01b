package org.gapsync.platform.console;

import java.util.List;
import java.util.Objects;

/**
 * The navigation above every console page ({@code console-nav.jte}): the pages the user may
 * see, who is signed in, and signing out.
 *
 * @param site what the console is
 * @param links the pages the user may see, in order
 * @param user who is signed in, or empty on the sign-in page
 * @param isRecorded whether page views go to the audit trail (not on a read-only home)
 */
public record ConsoleNav(String site, List<Link> links, String user, boolean isRecorded) {
  /**
   * A page in the navigation.
   *
   * @param path where it is
   * @param label what it is called
   * @param isHere whether it is the page shown
   */
  public record Link(String path, String label, boolean isHere) {}

  /** Checks and copies the parts. */
  public ConsoleNav {
    Objects.requireNonNull(site, "site");
    links = List.copyOf(links);
    Objects.requireNonNull(user, "user");
  }
}
