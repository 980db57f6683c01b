package org.gapsync.platform.ledger;

import java.util.Objects;
import java.util.Set;

/**
 * Where an application's Flyway migrations are, and the version of the newest of them: a ledger
 * whose schema history ends successfully at that version is current, and is opened without
 * loading Flyway at all (which costs every command about half a second).
 *
 * <p>The tables every platform keeps (the audit trail, the users) have a history of their own,
 * {@link #SHARED}. Earlier releases created them in each application's history; those versions
 * are the application's {@code retired} ones, which its ledgers may show applied but which it no
 * longer ships.
 *
 * <pre>{@code
 * Database.open(folder, Migrations.of("classpath:ledger", "7").retiring("3", "4", "5"));
 * }</pre>
 *
 * @param location the Flyway location, such as {@code classpath:ledger}
 * @param latest the version of the newest migration there, such as {@code 7} for
 *     {@code V7__sync_event_chain.sql}; a test of each application checks it against the files
 * @param retired versions earlier releases applied from this history that moved to
 *     {@link #SHARED}
 */
public record Migrations(String location, String latest, Set<String> retired) {
  /**
   * The migrations of the tables every platform's ledger keeps: the audit trail, the users and
   * their console passwords.
   */
  public static final Migrations SHARED = of("classpath:platform-ledger", "4");

  /** Checks the parts and copies the set. */
  public Migrations {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(latest, "latest");
    retired = Set.copyOf(retired);
  }

  /** Returns the migrations at {@code location}, the newest of which is {@code latest}. */
  public static Migrations of(String location, String latest) {
    return new Migrations(location, latest, Set.of());
  }

  /** Returns these migrations, whose history may also show {@code versions} applied. */
  public Migrations retiring(String... versions) {
    return new Migrations(location, latest, Set.of(versions));
  }

  /**
   * Returns whether a history whose last successful version is {@code applied} needs none of
   * these migrations: it ends at the newest, or at a retired version after the newest.
   */
  boolean isCurrentAt(String applied) {
    return applied.equals(latest) || retired.contains(applied)
        && Long.parseLong(applied) > Long.parseLong(latest);
  }

  /** Returns the newest version a ledger of these migrations can hold. */
  long newestKnown() {
    return retired.stream().mapToLong(Long::parseLong).reduce(Long.parseLong(latest), Math::max);
  }
}
