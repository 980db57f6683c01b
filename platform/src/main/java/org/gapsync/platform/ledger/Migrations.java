package org.gapsync.platform.ledger;

import java.util.Objects;

/**
 * Where an application's Flyway migrations are, and the version of the newest of them: a ledger
 * whose schema history ends successfully at that version is current, and is opened without
 * loading Flyway at all (which costs every command about half a second).
 *
 * <pre>{@code
 * Database.open(folder, Migrations.of("classpath:ledger", "5"));
 * }</pre>
 *
 * @param location the Flyway location, such as {@code classpath:ledger}
 * @param latest the version of the newest migration there, such as {@code 5} for
 *     {@code V5__audit_digest.sql}; a test of each application checks it against the files
 */
public record Migrations(String location, String latest) {
  /** Checks the parts. */
  public Migrations {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(latest, "latest");
  }

  /** Returns the migrations at {@code location}, the newest of which is {@code latest}. */
  public static Migrations of(String location, String latest) {
    return new Migrations(location, latest);
  }
}
