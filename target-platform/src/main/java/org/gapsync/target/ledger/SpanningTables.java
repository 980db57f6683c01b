package org.gapsync.target.ledger;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.FilePart;
import org.gapsync.platform.ledger.Sql;

/**
 * The records spanning several volumes of a set that have not all their volumes yet: each
 * volume's piece of them, and where the home keeps what it carried.
 */
public final class SpanningTables {
  private final Sql sql;

  SpanningTables(Sql sql) {
    this.sql = sql;
  }

  /**
   * What one volume brought of a record spanning several.
   *
   * @param set the package the volumes belong to
   * @param archivalId the record
   * @param volume the volume
   * @param change the record's change
   * @param version its version after the change
   * @param folder its folder in the package
   * @param spans how many volumes carry it
   * @param files what the volume carried of its files, each kept in the home
   * @param removed the paths to remove that the volume named
   */
  public record Piece(PackageId set, String archivalId, int volume, ChangeKind change,
      long version, String folder, int spans, List<Kept> files, List<PackagePath> removed) {
    /** Copies the lists. */
    public Piece {
      files = List.copyOf(files);
      removed = List.copyOf(removed);
    }
  }

  /**
   * A file, or a part of one, that a volume carried, kept in the home.
   *
   * @param whole the file as it must end: its path, whole size and digest
   * @param part the part kept, if the file came in parts
   * @param stored the kept copy's name in the home's pieces folder of the set
   */
  public record Kept(FileState whole, Optional<FilePart> part, String stored) {}

  /** Records the piece a volume brought. */
  public void add(Piece p) throws IOException {
    sql.update("INSERT INTO spanning_piece (package_id, archival_id, volume, change_kind, "
        + "version, folder, spans) VALUES (?, ?, ?, ?, ?, ?, ?)", p.set(), p.archivalId(),
        p.volume(), p.change().name().toLowerCase(Locale.ROOT), p.version(), p.folder(),
        p.spans());
    try (Sql.Batch insert = sql.batch("INSERT INTO spanning_file (package_id, archival_id, "
        + "volume, path, removed, size, sha256, part_number, part_count, part_offset, "
        + "part_size, part_sha256, stored) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Kept k : p.files()) {
        FilePart part = k.part().orElse(null);
        insert.add(p.set(), p.archivalId(), p.volume(), k.whole().path().value(), false,
            k.whole().size(), k.whole().digest().hex(), part == null ? 0 : part.number(),
            part == null ? null : part.count(), part == null ? null : part.offset(),
            part == null ? null : part.size(), part == null ? null : part.digest().hex(),
            k.stored());
      }
      for (PackagePath r : p.removed()) {
        insert.add(p.set(), p.archivalId(), p.volume(), r.value(), true, null, null, null,
            null, null, null, null, null);
      }
    }
  }

  /** Returns the pieces kept of the record {@code archivalId} of {@code set}, by volume. */
  public List<Piece> pieces(PackageId set, String archivalId) throws IOException {
    List<Piece> heads = sql.query("SELECT * FROM spanning_piece WHERE package_id = ? AND "
        + "archival_id = ? ORDER BY volume", rs -> new Piece(set, archivalId,
            rs.getInt("volume"), ChangeKind.valueOf(rs.getString("change_kind")
                .toUpperCase(Locale.ROOT)), rs.getLong("version"), rs.getString("folder"),
            rs.getInt("spans"), List.of(), List.of()), set, archivalId);
    Map<Integer, List<Kept>> files = new LinkedHashMap<>();
    Map<Integer, List<PackagePath>> removed = new LinkedHashMap<>();
    sql.forEach("SELECT * FROM spanning_file WHERE package_id = ? AND archival_id = ? "
        + "ORDER BY volume, path, part_number", rs -> {
          int volume = rs.getInt("volume");
          if (rs.getBoolean("removed")) {
            removed.computeIfAbsent(volume, v -> new ArrayList<>()).add(new PackagePath(
                rs.getString("path")));
          } else {
            files.computeIfAbsent(volume, v -> new ArrayList<>()).add(kept(rs));
          }
        }, set, archivalId);
    List<Piece> out = new ArrayList<>();
    for (Piece h : heads) {
      out.add(new Piece(set, archivalId, h.volume(), h.change(), h.version(), h.folder(),
          h.spans(), files.getOrDefault(h.volume(), List.of()),
          removed.getOrDefault(h.volume(), List.of())));
    }
    return out;
  }

  /** Forgets the record {@code archivalId} of {@code set}: it is whole, and applied. */
  public void drop(PackageId set, String archivalId) throws IOException {
    sql.update("DELETE FROM spanning_file WHERE package_id = ? AND archival_id = ?", set,
        archivalId);
    sql.update("DELETE FROM spanning_piece WHERE package_id = ? AND archival_id = ?", set,
        archivalId);
  }

  /**
   * Forgets every record of {@code set} still waiting for a volume: the set has settled, the
   * volumes they waited for lost or refused.
   */
  public void dropSet(PackageId set) throws IOException {
    sql.update("DELETE FROM spanning_file WHERE package_id = ?", set);
    sql.update("DELETE FROM spanning_piece WHERE package_id = ?", set);
  }

  /** Returns the sets that have records waiting for a volume. */
  public Set<PackageId> sets() throws IOException {
    return new java.util.LinkedHashSet<>(sql.query("SELECT DISTINCT package_id FROM "
        + "spanning_piece ORDER BY package_id", rs -> Sql.packageId(rs, "package_id")));
  }

  private static Kept kept(ResultSet rs) throws SQLException {
    FileState whole = new FileState(new PackagePath(rs.getString("path")), rs.getLong("size"),
        new Digest(DigestAlgorithm.SHA256, rs.getString("sha256")));
    int number = rs.getInt("part_number");
    Optional<FilePart> part = number == 0 ? Optional.empty() : Optional.of(new FilePart(number,
        rs.getInt("part_count"), rs.getLong("part_offset"), rs.getLong("part_size"),
        new Digest(DigestAlgorithm.SHA256, rs.getString("part_sha256"))));
    return new Kept(whole, part, rs.getString("stored"));
  }
}
