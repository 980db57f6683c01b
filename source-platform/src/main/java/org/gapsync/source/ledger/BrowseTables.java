package org.gapsync.source.ledger;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gapsync.platform.ledger.Sql;

/**
 * What the console browses: records found by id, title, fonds or year, and the packages with
 * their receipts, newest first. Each list is bounded by the caller's limit.
 */
public final class BrowseTables {
  private final Transaction tx;

  BrowseTables(Transaction tx) {
    this.tx = tx;
  }

  /** Where a search looks. */
  public enum Field {
    /** The archival id, the title, the fonds or the year. */
    ANY,
    /** The archival id. */
    ID,
    /** The title. */
    TITLE,
    /** The fonds. */
    FONDS,
    /** The year. */
    YEAR;

    /** Returns the field {@code label} names ({@code any}, {@code title}...), if one. */
    public static Optional<Field> of(String label) {
      for (Field f : values()) {
        if (f.name().equalsIgnoreCase(label)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * A record a search found.
   *
   * @param archivalId its archival id
   * @param title its title, or empty
   * @param fonds its fonds, or empty
   * @param year its year, or empty
   * @param version its current version
   * @param isDeleted whether it was deleted from the holdings
   */
  public record Found(String archivalId, String title, String fonds, String year, long version,
      boolean isDeleted) {}

  /**
   * A package, with its receipts.
   *
   * @param row the package
   * @param receiptAt when its receipt was ingested, if it was
   * @param volumes how many volumes its set has (0 for a whole package)
   * @param answered how many of the volumes have their receipts
   * @param isOnline whether it went through the ferry rather than on a medium
   */
  public record Sent(PackageRow row, Optional<Instant> receiptAt, int volumes, int answered,
      boolean isOnline) {}

  /**
   * Returns the first {@code limit} records, by archival id, whose {@code field} contains
   * {@code text}, in any case.
   */
  public List<Found> search(Field field, String text, int limit) throws IOException {
    String like = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
        .replace("_", "\\_") + "%";
    String where;
    List<Object> args = new ArrayList<>();
    if (field == Field.ID) {
      where = "LOWER(r.archival_id) LIKE ? ESCAPE '\\'";
      args.add(like);
    } else {
      where = "EXISTS (SELECT 1 FROM record_field f WHERE f.archival_id = r.archival_id AND "
          + "f.name IN " + Sql.inList(field == Field.ANY ? 3 : 1) + " AND LOWER(f.field_value) "
          + "LIKE ? ESCAPE '\\')";
      if (field == Field.ANY) {
        where = "LOWER(r.archival_id) LIKE ? ESCAPE '\\' OR " + where;
        args.add(like);
        args.addAll(List.of("title", "fonds", "year"));
      } else {
        args.add(field.name().toLowerCase(Locale.ROOT));
      }
      args.add(like);
    }
    return tx.query("SELECT r.archival_id, r.version, r.deleted, "
        + ReportTables.field("title") + ", " + ReportTables.field("fonds") + ", "
        + ReportTables.field("year") + " FROM record r WHERE " + where
        + " ORDER BY r.archival_id FETCH FIRST " + limit + " ROWS ONLY",
        rs -> new Found(rs.getString(1), ReportTables.value(rs, 4), ReportTables.value(rs, 5),
            ReportTables.value(rs, 6), rs.getLong(2), rs.getBoolean(3)), args.toArray());
  }

  /**
   * Returns the {@code limit} newest packages, of {@code destination} or of every one, with
   * their receipts.
   */
  public List<Sent> packages(Optional<String> destination, int limit) throws IOException {
    return tx.query("SELECT p.*, (SELECT COUNT(*) FROM package_volume v WHERE v.package_id = "
        + "p.id) AS volumes, (SELECT COUNT(*) FROM package_volume v WHERE v.package_id = p.id "
        + "AND v.receipt_at IS NOT NULL) AS answered FROM sync_package p"
        + (destination.isPresent() ? " WHERE p.destination = ?" : "")
        + " ORDER BY p.created_at DESC, p.id DESC FETCH FIRST " + limit + " ROWS ONLY",
        rs -> new Sent(new PackageRow(Sql.packageId(rs, "id"), rs.getString("destination"),
            rs.getLong("sequence"), Sql.instant(rs, "created_at"), rs.getString("operator"),
            rs.getLong("bytes"), rs.getInt("record_count"), rs.getString("medium"),
            Sql.optionalPackageId(rs, "receipt_id")), Optional.ofNullable(Sql.instant(rs,
                "receipt_at")), rs.getInt("volumes"), rs.getInt("answered"),
            rs.getBoolean("online")), destination.stream().toArray());
  }
}
