package org.gapsync.target.ledger;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.gapsync.platform.ledger.Sql;
import org.gapsync.platform.premis.EventType;
import org.gapsync.platform.premis.Premis;
import org.gapsync.platform.premis.PremisWriter.Category;
import org.gapsync.platform.premis.PremisWriter.Link;
import org.gapsync.platform.premis.PremisWriter;

/**
 * The target ledger in PREMIS: every record of the replica and every package received as an
 * object; each package's signature check and its application or rejection, and every file put
 * into or removed from the replica, as events. Each table is read by a cursor.
 */
final class TargetPremis {
  private final String platform;

  TargetPremis(String platform) {
    this.platform = platform;
  }

  void objects(Sql sql, PremisWriter out) throws IOException {
    sql.forEach("SELECT DISTINCT archival_id FROM replica_record ORDER BY archival_id",
        rs -> Premis.object(out, Category.INTELLECTUAL_ENTITY, Premis.ARCHIVAL_ID,
            rs.getString(1)));
    sql.forEach("SELECT package_id FROM received_package ORDER BY source_id, sequence",
        rs -> Premis.object(out, Category.REPRESENTATION, Premis.PACKAGE_ID, rs.getString(1)));
  }

  void events(Sql sql, PremisWriter out) throws IOException {
    sql.forEach("SELECT * FROM received_package ORDER BY received_at, package_id", rs -> {
      String id = rs.getString("package_id");
      boolean isAuthentic = rs.getBoolean("authentic");
      PackageState state = PackageState.valueOf(rs.getString("state"));
      String actor = rs.getString("operator");
      List<Link> pkg = List.of(new Link(Premis.PACKAGE_ID, id, "source"));
      if (state == PackageState.LOST) {
        // A volume declared lost was never read: nothing to check, one event that says so.
        Premis.write(out, new PremisWriter.Event("gapsync package outcome", platform
            + "/package/" + id, EventType.VALIDATION, Sql.instant(rs, "received_at"),
            "declared lost " + id + " of " + rs.getString("source_id") + " (sequence "
            + rs.getLong("sequence") + ")", "failure", Optional.of(rs.getString("detail"))
                .filter(d -> !d.isEmpty()), actor, pkg));
        return;
      }
      Premis.write(out, new PremisWriter.Event("gapsync package check", platform + "/signature/"
          + id, EventType.SIGNATURE_VALIDATION, Sql.instant(rs, "received_at"), "package " + id
          + " of " + rs.getString("source_id") + " (sequence " + rs.getLong("sequence") + ")",
          isAuthentic ? "success" : "failure", Optional.empty(), actor, pkg));
      if (state != PackageState.WAITING) {
        boolean isApplied = state == PackageState.APPLIED;
        Premis.write(out, new PremisWriter.Event("gapsync package outcome", platform
            + "/package/" + id, isApplied ? EventType.REPLICATION : EventType.VALIDATION,
            Optional.ofNullable(Sql.instant(rs, "settled_at")).orElse(
                Sql.instant(rs, "received_at")), (isApplied ? "applied " : "rejected ") + id
            + ": " + rs.getLong("record_count") + " records, " + rs.getLong("bytes") + " bytes",
            isApplied ? "success" : "failure", Optional.of(rs.getString("detail"))
                .filter(d -> !d.isEmpty()), actor, pkg));
      }
    });
    sql.forEach("SELECT f.*, COALESCE(p.operator, 'unrecorded') AS actor FROM file_event f "
        + "LEFT JOIN received_package p ON p.package_id = f.package_id ORDER BY f.id", rs -> {
          boolean isPut = rs.getString("action").equals("put");
          String path = rs.getString("path");
          Premis.write(out, new PremisWriter.Event("gapsync file event", platform + "/file/"
              + rs.getLong("id"), isPut ? EventType.REPLICATION : EventType.DELETION,
              Sql.instant(rs, "at"),
              (isPut ? "put " : "removed ") + path + " of " + rs.getString("source_id") + "/"
              + rs.getString("archival_id"), "success", isPut ? Optional.of("sha256 "
              + rs.getString("sha256") + ", " + rs.getLong("size") + " bytes")
              : Optional.empty(), rs.getString("actor"), List.of(
                  new Link(Premis.ARCHIVAL_ID, rs.getString("archival_id"), "outcome"),
                  new Link(Premis.PACKAGE_ID, rs.getString("package_id"), "source"))));
        });
  }
}
