package org.gapsync.source.ledger;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.gapsync.format.PackageId;
import org.gapsync.format.Volume;
import org.gapsync.platform.ledger.Sql;

/**
 * The volumes of packages written as sets: each volume's row, and which volume carried each
 * record, so that a volume's receipt settles that volume's records and no other.
 */
public final class VolumeTables {
  private final Transaction tx;

  VolumeTables(Transaction tx) {
    this.tx = tx;
  }

  /** Records one volume of a set, written and verified. */
  public void add(VolumeRow v) throws IOException {
    tx.update("INSERT INTO package_volume (package_id, volume, volume_count, bag_name, "
        + "record_count, bytes, medium) VALUES (?, ?, ?, ?, ?, ?, ?)", v.packageId(),
        v.volume().number(), v.volume().count(), v.volume().bagName(v.packageId()),
        v.recordCount(), v.bytes(), v.medium());
  }

  /** Records the digest of the tag manifest of volume {@code volume} of {@code packageId}. */
  public void setManifest(PackageId packageId, int volume, org.gapsync.format.Digest manifest)
      throws IOException {
    tx.update("UPDATE package_volume SET manifest_sha256 = ? WHERE package_id = ? AND volume "
        + "= ?", manifest.hex(), packageId, volume);
  }

  /** Records that volume {@code volume} of package {@code packageId} carries {@code ids}. */
  public void putRecords(PackageId packageId, int volume, List<String> ids)
      throws IOException {
    Map<String, Integer> last = new java.util.LinkedHashMap<>();
    ids.forEach(id -> last.put(id, volume));
    putRecords(packageId, volume, last);
  }

  /**
   * Records that the records of {@code lastVolumes} begin on volume {@code volume} of package
   * {@code packageId}, each ending on the volume it maps to: a later one for a record that
   * spans volumes, {@code volume} itself for the others.
   */
  public void putRecords(PackageId packageId, int volume, Map<String, Integer> lastVolumes)
      throws IOException {
    try (Sql.Batch insert = tx.batch("INSERT INTO volume_record (package_id, archival_id, "
        + "volume, last_volume) VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<String, Integer> e : lastVolumes.entrySet()) {
        insert.add(packageId, e.getKey(), volume, e.getValue() == volume ? null
            : e.getValue());
      }
    }
  }

  /** Returns the volumes of package {@code packageId} in order; none if it was written whole. */
  public List<VolumeRow> of(PackageId packageId) throws IOException {
    return tx.query("SELECT * FROM package_volume WHERE package_id = ? ORDER BY volume",
        VolumeTables::row, packageId);
  }

  /** Returns the volume whose bag is named {@code bagName}, if there is one. */
  public java.util.Optional<VolumeRow> named(PackageId bagName) throws IOException {
    return tx.queryOne("SELECT * FROM package_volume WHERE bag_name = ?", VolumeTables::row,
        bagName);
  }

  /** Records the parity volume of a set, written and checked with the set. */
  public void addParity(ParityRow p) throws IOException {
    tx.update("INSERT INTO parity_volume (package_id, volume_count, name, bytes, sha256, "
        + "medium) VALUES (?, ?, ?, ?, ?, ?)", p.packageId(), p.count(), p.name(), p.bytes(),
        p.digest().hex(), p.medium());
  }

  /** Returns the parity volume named {@code name}, if there is one. */
  public java.util.Optional<ParityRow> parityNamed(PackageId name) throws IOException {
    return tx.queryOne("SELECT * FROM parity_volume WHERE name = ?", rs -> new ParityRow(
        Sql.packageId(rs, "package_id"), rs.getInt("volume_count"), Sql.packageId(rs, "name"),
        rs.getLong("bytes"), new org.gapsync.format.Digest(
            org.gapsync.format.DigestAlgorithm.SHA256, rs.getString("sha256")),
        rs.getString("medium")), name);
  }

  /**
   * Records a disc burnt from the image of a package (volume 0) or of a volume of a set, or
   * from the image of a set's parity volume ({@code isParity}, volume 0).
   */
  public void addBurnt(PackageId packageId, int volume, boolean isParity, String image,
      long imageBytes, String device) throws IOException {
    tx.update("INSERT INTO burnt_disc (package_id, volume, parity, image, image_bytes, device, "
        + "burnt_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", packageId, volume, isParity,
        image, imageBytes, device, tx.now(), tx.actor());
  }

  /** Returns how many discs were burnt of a package's image (volume 0) or of a volume's. */
  public int burnt(PackageId packageId, int volume) throws IOException {
    return tx.queryOne("SELECT COUNT(*) FROM burnt_disc WHERE package_id = ? AND volume = ? "
        + "AND NOT parity", rs -> rs.getInt(1), packageId, volume).orElse(0);
  }

  /** Records the receipt ingested for one volume. */
  public void setReceipt(PackageId packageId, int volume, PackageId receiptId)
      throws IOException {
    tx.update("UPDATE package_volume SET receipt_id = ?, receipt_at = ? WHERE package_id = ? "
        + "AND volume = ?", receiptId, tx.now(), packageId, volume);
  }

  private static VolumeRow row(ResultSet rs) throws SQLException {
    return new VolumeRow(Sql.packageId(rs, "package_id"), new Volume(rs.getInt("volume"),
        rs.getInt("volume_count")), rs.getInt("record_count"), rs.getLong("bytes"),
        rs.getString("medium"), Sql.optionalPackageId(rs, "receipt_id"));
  }
}
