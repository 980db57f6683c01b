package org.gapsync.source.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapsync.platform.Plural;
import org.gapsync.platform.ledger.Sql;
import org.gapsync.platform.premis.EventType;
import org.gapsync.platform.premis.Premis;
import org.gapsync.platform.premis.PremisWriter.Category;
import org.gapsync.platform.premis.PremisWriter.Link;
import org.gapsync.platform.premis.PremisWriter;

/**
 * The source ledger in PREMIS: every record and every package as an object; every captured
 * change, every sync state change of a record at a destination, every receipt ingested (for a
 * set of volumes, each volume's), and every disc burnt as an event. Each table is read by a
 * cursor, a row at a time.
 */
final class SourcePremis {
  private final String platform;

  SourcePremis(String platform) {
    this.platform = platform;
  }

  void objects(Sql sql, PremisWriter out) throws IOException {
    sql.forEach("SELECT archival_id FROM record ORDER BY archival_id", rs -> Premis.object(
        out, Category.INTELLECTUAL_ENTITY, Premis.ARCHIVAL_ID, rs.getString(1)));
    sql.forEach("SELECT id FROM sync_package ORDER BY destination, sequence", rs -> Premis
        .object(out, Category.REPRESENTATION, Premis.PACKAGE_ID, rs.getString(1)));
  }

  void events(Sql sql, PremisWriter out) throws IOException {
    sql.forEach("SELECT * FROM change_event ORDER BY id", rs -> {
      String kind = rs.getString("kind");
      String files = rs.getString("files");
      Premis.write(out, new PremisWriter.Event("gapsync change event", platform + "/change/"
          + rs.getLong("id"), switch (kind) {
            case "add" -> EventType.ACCESSION;
            case "delete" -> EventType.DELETION;
            default -> EventType.MODIFICATION;
          }, Sql.instant(rs, "at"), "holdings scan captured: " + kind + " of version "
          + rs.getLong("version") + (files.isEmpty() ? "" : " (" + Plural.of(files.lines()
          .count(), "file") + ")"), "success", files.isEmpty() ? Optional.empty()
          : Optional.of("files: " + files.replace('\n', ',')), rs.getString("actor"),
          List.of(record(rs.getString("archival_id"), "source"))));
    });
    sql.forEach("SELECT * FROM sync_event ORDER BY id", rs -> {
      SyncState state = SyncState.of(rs.getString("state"));
      String destination = rs.getString("destination");
      Optional<String> pkg = Optional.ofNullable(rs.getString("package_id"));
      String detail = Optional.ofNullable(rs.getString("detail")).orElse("");
      List<Link> objects = new ArrayList<>(List.of(record(rs.getString("archival_id"),
          "source")));
      pkg.ifPresent(p -> objects.add(new Link(Premis.PACKAGE_ID, p, "outcome")));
      Premis.write(out, new PremisWriter.Event("gapsync sync event", platform + "/sync/"
          + rs.getLong("id"), typeOf(state), Sql.instant(rs, "at"), "version "
          + rs.getLong("version") + " " + state.label() + " for destination " + destination
          + pkg.map(p -> " in package " + p).orElse(""), outcomeOf(state),
          detail.isEmpty() ? Optional.empty() : Optional.of(detail), rs.getString("actor"),
          objects));
    });
    // Who ingested a receipt is the actor of the state changes it made.
    sql.forEach("SELECT p.id, p.destination, p.receipt_id, p.receipt_at, COALESCE((SELECT "
        + "MIN(e.actor) FROM sync_event e WHERE e.package_id = p.id AND e.state IN "
        + "('confirmed', 'failed')), 'unrecorded') AS actor FROM sync_package p "
        + "WHERE p.receipt_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM package_volume v "
        + "WHERE v.package_id = p.id) ORDER BY p.receipt_at", rs -> receipt(out, rs,
            rs.getString("id"), ""));
    // A set of volumes: each volume's receipt, ingested on its own.
    sql.forEach("SELECT v.package_id, v.volume, v.volume_count, v.receipt_id, v.receipt_at, "
        + "p.destination, COALESCE((SELECT MIN(e.actor) FROM sync_event e WHERE e.package_id "
        + "= v.package_id AND e.state IN ('confirmed', 'failed')), 'unrecorded') AS actor "
        + "FROM package_volume v JOIN sync_package p ON p.id = v.package_id WHERE "
        + "v.receipt_id IS NOT NULL ORDER BY v.receipt_at, v.volume", rs -> receipt(out, rs,
            rs.getString("package_id"), " for volume " + rs.getInt("volume") + " of "
            + rs.getInt("volume_count")));
    // Every disc burnt from a package's image, read back and verified.
    sql.forEach("SELECT * FROM burnt_disc ORDER BY id", rs -> Premis.write(out,
        new PremisWriter.Event("gapsync disc burn", platform + "/disc/" + rs.getLong("id"),
            EventType.REPLICATION, Sql.instant(rs, "burnt_at"), "burnt "
            + rs.getString("image") + (rs.getBoolean("parity") ? " (the parity volume)"
                : rs.getInt("volume") == 0 ? "" : " (volume " + rs.getInt("volume") + ")")
            + " onto " + rs.getString("device")
            + ", read back and verified", "success", Optional.of(rs.getLong("image_bytes")
                + " bytes"), rs.getString("actor"), List.of(new Link(Premis.PACKAGE_ID,
                    rs.getString("package_id"), "outcome")))));
  }

  /** Writes the event of the receipt in the row {@code rs}, answering {@code packageId}. */
  private void receipt(PremisWriter out, java.sql.ResultSet rs, String packageId,
      String answers) throws java.sql.SQLException, IOException {
    Premis.write(out, new PremisWriter.Event("gapsync receipt", platform + "/receipt/"
        + rs.getString("receipt_id"), EventType.SIGNATURE_VALIDATION, Sql.instant(rs,
        "receipt_at"), "receipt " + rs.getString("receipt_id") + " of "
        + rs.getString("destination") + answers + " verified: signed by its trusted "
        + "certificate", "success", Optional.empty(), rs.getString("actor"), List.of(
            new Link(Premis.PACKAGE_ID, packageId, "source"))));
  }

  private static EventType typeOf(SyncState state) {
    return switch (state) {
      case PENDING, CANCELLED -> EventType.POLICY_ASSIGNMENT;
      case EXPORTED -> EventType.TRANSFER;
      case CONFIRMED, FAILED -> EventType.FIXITY_CHECK;
    };
  }

  private static String outcomeOf(SyncState state) {
    return switch (state) {
      case PENDING -> "queued";
      case CANCELLED -> "cancelled";
      case FAILED -> "failure";
      default -> "success";
    };
  }

  private static Link record(String archivalId, String role) {
    return new Link(Premis.ARCHIVAL_ID, archivalId, role);
  }
}
