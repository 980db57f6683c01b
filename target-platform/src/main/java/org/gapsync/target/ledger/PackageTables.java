package org.gapsync.target.ledger;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.Volume;
import org.gapsync.platform.ledger.Sql;

/** The packages received, each source's progress through its sequence, and refusals. */
public final class PackageTables {
  private static final String COLUMNS = "package_id, source_id, sequence, previous_package_id, "
      + "state, authentic, received_at, settled_at, operator, record_count, bytes, held_path, "
      + "receipt_id, receipt_at, detail, volume_of, volume, volume_count, created_at";
  private final Sql sql;
  private final Transaction tx;

  PackageTables(Sql sql, Transaction tx) {
    this.sql = sql;
    this.tx = tx;
  }

  /** Returns how far {@code sourceId}'s packages have come. */
  public SourceProgress progress(String sourceId) throws IOException {
    return sql.queryOne("SELECT source_id, last_sequence, last_package_id FROM source_progress "
        + "WHERE source_id = ?", PackageTables::progressRow, sourceId)
        .orElse(SourceProgress.none(sourceId));
  }

  /** Returns the progress of every source that has sent anything, by source id. */
  public List<SourceProgress> allProgress() throws IOException {
    return sql.query("SELECT source_id, last_sequence, last_package_id FROM source_progress "
        + "ORDER BY source_id", PackageTables::progressRow);
  }

  /** Records that {@code sourceId}'s sequence is settled up to {@code sequence}. */
  public void advance(String sourceId, long sequence, PackageId packageId) throws IOException {
    if (sql.update("UPDATE source_progress SET last_sequence = ?, last_package_id = ? "
        + "WHERE source_id = ?", sequence, packageId, sourceId) == 0) {
      sql.update("INSERT INTO source_progress (source_id, last_sequence, last_package_id) "
          + "VALUES (?, ?, ?)", sourceId, sequence, packageId);
    }
  }

  /** Returns the package with {@code packageId}, if it has been seen. */
  public Optional<ReceivedPackage> find(PackageId packageId) throws IOException {
    return sql.queryOne("SELECT " + COLUMNS + " FROM received_package WHERE package_id = ?",
        PackageTables::packageRow, packageId);
  }

  /** Returns the packages seen from {@code sourceId} with {@code sequence}. */
  public List<ReceivedPackage> atSequence(String sourceId, long sequence) throws IOException {
    return sql.query("SELECT " + COLUMNS + " FROM received_package WHERE source_id = ? "
        + "AND sequence = ? ORDER BY received_at", PackageTables::packageRow, sourceId, sequence);
  }

  /** Returns the packages waiting for a predecessor, by source and sequence. */
  public List<ReceivedPackage> waiting() throws IOException {
    return sql.query("SELECT " + COLUMNS + " FROM received_package WHERE state = 'WAITING' "
        + "ORDER BY source_id, sequence", PackageTables::packageRow);
  }

  /** Returns the {@code limit} packages whose receipts were written last. */
  public List<ReceivedPackage> lastReceipts(int limit) throws IOException {
    return sql.query("SELECT " + COLUMNS + " FROM received_package WHERE receipt_at IS NOT "
        + "NULL ORDER BY receipt_at DESC, package_id FETCH FIRST " + limit + " ROWS ONLY",
        PackageTables::packageRow);
  }

  /** Returns the {@code limit} packages received last, the newest first. */
  public List<ReceivedPackage> recent(int limit) throws IOException {
    return sql.query("SELECT " + COLUMNS + " FROM received_package ORDER BY received_at DESC, "
        + "package_id DESC FETCH FIRST " + limit + " ROWS ONLY", PackageTables::packageRow);
  }

  /** Records a package seen for the first time. */
  public void insert(ReceivedPackage p) throws IOException {
    sql.update("INSERT INTO received_package (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.packageId(), p.sourceId(), p.sequence(),
        p.previousPackageId().orElse(null), p.state().name(), p.isAuthentic(), p.receivedAt(),
        p.settledAt().orElse(null), p.operator(), p.recordCount(), p.bytes(),
        p.heldPath().orElse(null), p.receiptId().orElse(null), p.receiptAt().orElse(null),
        p.detail(), p.volumeOf().map(ReceivedPackage.VolumeOf::packageId).orElse(null),
        p.volumeOf().map(v -> v.volume().number()).orElse(null),
        p.volumeOf().map(v -> v.volume().count()).orElse(null), p.created().orElse(null));
  }

  /** Marks a package applied or rejected; a waiting package is no longer held. */
  public void settle(PackageId packageId, PackageState state, String detail) throws IOException {
    sql.update("UPDATE received_package SET state = ?, settled_at = ?, held_path = NULL, "
        + "detail = ? WHERE package_id = ?", state.name(), tx.now(), detail, packageId);
  }

  /** Forgets a waiting package whose kept copy was lost, so that it can be imported anew. */
  public void forget(PackageId packageId) throws IOException {
    sql.update("DELETE FROM received_package WHERE package_id = ? AND state = 'WAITING'",
        packageId);
  }

  /** Records that the receipt {@code receiptId} was written for a package, now. */
  public void setReceipt(PackageId packageId, PackageId receiptId) throws IOException {
    sql.update("UPDATE received_package SET receipt_id = ?, receipt_at = ? WHERE package_id = ?",
        receiptId, tx.now(), packageId);
  }

  /** Records an import refused before any of it could be trusted or applied. */
  public void refuse(Optional<PackageId> packageId, String detail) throws IOException {
    sql.update("INSERT INTO import_event (at, actor, package_id, outcome, detail) VALUES "
        + "(?, ?, ?, 'REFUSED', ?)", tx.now(), tx.actor(), packageId.orElse(null), detail);
  }

  private static SourceProgress progressRow(ResultSet rs) throws SQLException {
    return new SourceProgress(rs.getString(1), rs.getLong(2), Sql.optionalPackageId(rs,
        "last_package_id"));
  }

  private static ReceivedPackage packageRow(ResultSet rs) throws SQLException {
    return new ReceivedPackage(Sql.packageId(rs, "package_id"), rs.getString("source_id"),
        rs.getLong("sequence"), Sql.optionalPackageId(rs, "previous_package_id"),
        PackageState.valueOf(rs.getString("state")), rs.getBoolean("authentic"),
        Sql.instant(rs, "received_at"), Optional.ofNullable(Sql.instant(rs, "settled_at")),
        rs.getString("operator"), rs.getInt("record_count"), rs.getLong("bytes"),
        Optional.ofNullable(rs.getString("held_path")),
        Sql.optionalPackageId(rs, "receipt_id"),
        Optional.ofNullable(Sql.instant(rs, "receipt_at")), rs.getString("detail"),
        rs.getString("volume_of") == null ? Optional.empty() : Optional.of(
            new ReceivedPackage.VolumeOf(Sql.packageId(rs, "volume_of"), new Volume(
                rs.getInt("volume"), rs.getInt("volume_count")))),
        Optional.ofNullable(Sql.instant(rs, "created_at")));
  }

  /**
   * Returns the sets of volumes whose sources have not moved past them: some volumes seen,
   * the set not yet settled, by source and sequence.
   */
  public List<SetProgress> setsInProgress() throws IOException {
    java.util.Map<PackageId, List<ReceivedPackage>> sets = new java.util.LinkedHashMap<>();
    sql.forEach("SELECT " + COLUMNS.replace(", ", ", r.").replaceFirst("^", "r.")
        + " FROM received_package r LEFT JOIN source_progress p ON p.source_id = r.source_id "
        + "WHERE r.volume_of IS NOT NULL AND r.sequence > COALESCE(p.last_sequence, 0) "
        + "ORDER BY r.source_id, r.sequence, r.volume", rs -> {
          ReceivedPackage v = packageRow(rs);
          sets.computeIfAbsent(v.volumeOf().orElseThrow().packageId(),
              k -> new java.util.ArrayList<>()).add(v);
        });
    List<SetProgress> out = new java.util.ArrayList<>();
    for (List<ReceivedPackage> volumes : sets.values()) {
      ReceivedPackage first = volumes.get(0);
      java.util.function.Function<PackageState, List<Integer>> in = state -> volumes.stream()
          .filter(v -> v.state() == state).map(v -> v.volumeOf().orElseThrow().volume()
              .number()).distinct().sorted().toList();
      out.add(new SetProgress(first.volumeOf().orElseThrow().packageId(), first.sourceId(),
          first.sequence(), first.volumeOf().orElseThrow().volume().count(),
          in.apply(PackageState.APPLIED), in.apply(PackageState.REJECTED),
          in.apply(PackageState.WAITING), in.apply(PackageState.LOST)));
    }
    return out;
  }

  /** Returns the volumes of the set {@code packageId} seen here, by volume. */
  public List<ReceivedPackage> volumesOf(PackageId packageId) throws IOException {
    return sql.query("SELECT " + COLUMNS + " FROM received_package WHERE volume_of = ? "
        + "ORDER BY volume, received_at", PackageTables::packageRow, packageId);
  }

  /**
   * Returns whether every volume of the set {@code packageId}, {@code count} volumes, has
   * settled here: applied, declared lost, or rejected as authentic.
   */
  public boolean isSetSettled(PackageId packageId, int count) throws IOException {
    return sql.queryOne("SELECT COUNT(DISTINCT volume) FROM received_package WHERE volume_of = ? "
        + "AND (state IN ('APPLIED', 'LOST') OR (state = 'REJECTED' AND authentic))",
        rs -> rs.getInt(1),
        packageId).orElse(0) == count;
  }
}
