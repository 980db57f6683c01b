package org.gapsync.platform.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user may do on a platform. A user holds one role or several; each command names the
 * roles that may run it.
 */
public enum Role {
  /** Keys, trust, destinations, templates and users. */
  ADMIN,
  /** The source's daily work: scan, queue, build, ingest, cancel. */
  ARCHIVIST,
  /** The target's daily work: import, status, the replica. */
  OPERATOR,
  /** Reads the ledger, its reports and its audit trail; seals the trail. */
  AUDITOR;

  /** Returns the role's name as commands and the ledger write it, such as {@code archivist}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the role named {@code label}, in any case. */
  public static Optional<Role> fromLabel(String label) {
    return Arrays.stream(values()).filter(r -> r.label().equalsIgnoreCase(label)).findFirst();
  }
}
