package org.gapsync.target.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.gapsync.platform.ledger.Sql;
import org.gapsync.platform.ledger.StateCheck;

/**
 * The check that each source's progress through its sequence is what the packages settled say:
 * its last package settled with that very sequence, and no settled package of it beyond. An
 * edited {@code last_sequence} would make the target refuse genuine packages as replays.
 */
final class ProgressCheck {
  private ProgressCheck() {}

  static StateCheck check(Sql sql) throws IOException {
    List<String> problems = new ArrayList<>();
    sql.forEach("SELECT p.source_id, p.last_sequence, p.last_package_id, r.sequence, r.state "
        + "FROM source_progress p LEFT JOIN received_package r "
        + "ON r.package_id = p.last_package_id "
        + "OR (r.volume_of = p.last_package_id AND r.volume = 1) "
        + "WHERE r.package_id IS NULL OR r.sequence <> p.last_sequence "
        + "OR r.state NOT IN ('APPLIED', 'REJECTED', 'LOST') ORDER BY p.source_id",
        rs -> problems.add(
            "source " + rs.getString(1) + ": the ledger says its sequence reached "
            + rs.getLong(2) + " with package " + rs.getString(3) + ", but "
            + (rs.getString(5) == null ? "no such package was received"
                : "that package is " + rs.getString(5).toLowerCase(java.util.Locale.ROOT)
                    + " at sequence " + rs.getLong(4))));
    sql.forEach("SELECT r.source_id, MAX(r.sequence), p.last_sequence FROM received_package r "
        + "LEFT JOIN source_progress p ON p.source_id = r.source_id "
        + "WHERE r.state IN ('APPLIED', 'REJECTED', 'LOST') AND r.authentic "
        // The volumes of the set whose turn it is apply one by one before the set settles.
        + "AND NOT (r.volume_of IS NOT NULL AND r.sequence = COALESCE(p.last_sequence, 0) + 1) "
        + "GROUP BY r.source_id, p.last_sequence "
        + "HAVING p.last_sequence IS NULL OR MAX(r.sequence) > p.last_sequence "
        + "ORDER BY r.source_id", rs -> problems.add("source " + rs.getString(1) + ": a package "
            + "at sequence " + rs.getLong(2) + " was settled, but the ledger says its sequence "
            + "reached only " + (rs.getObject(3) == null ? "nothing" : rs.getLong(3))));
    long packages = sql.queryOne("SELECT COUNT(*) FROM received_package",
        rs -> rs.getLong(1)).orElse(0L);
    return new StateCheck("each source's progress agrees with the " + packages + " package"
        + (packages == 1 ? "" : "s") + " received", problems);
  }
}
