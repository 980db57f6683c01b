package org.gapsync.platform.ledger;

import java.util.Arrays;
import java.util.Comparator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The newest migration Flyway finds at a location, for the tests that check each application
 * names it in its {@link Migrations}: a ledger that names an older one would take itself for
 * current and never be migrated.
 */
public final class NewestMigration {
  /** The test ledger's migrations, as an application's would be. */
  public static final Migrations TEST_LEDGER = Migrations.of("classpath:test-ledger", "1");

  private NewestMigration() {}

  /** Returns the version of the newest migration at {@code location}, as Flyway resolves it. */
  public static String at(String location) {
    MigrationInfo[] all = Flyway.configure().dataSource("jdbc:h2:mem:", "sa", "")
        .locations(location).load().info().all();
    return Arrays.stream(all).map(MigrationInfo::getVersion).max(Comparator.naturalOrder())
        .orElseThrow(() -> new AssertionError("no migrations at " + location)).getVersion();
  }
}
