package org.gapsync.source.ledger;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageId;
import org.gapsync.platform.ledger.Sql;

/** Destinations, the sync state of every record at each, packages, and the event trail. */
public final class SyncTables {
  private static final String ROW = "SELECT archival_id, destination, version, change_kind, "
      + "state, package_id, attempts, last_failure, updated_at FROM sync_state";

  private final Transaction tx;

  SyncTables(Transaction tx) {
    this.tx = tx;
  }

  /** Adds a destination whose first package will have sequence 1. */
  public void addDestination(String id, String templateId, long templateVersion,
      String templateXml, String certificatePem) throws IOException {
    // A destination removed and added again continues its sequence: its target still expects
    // the number after the last package it was sent, and the ids of those packages are taken.
    Optional<PackageRow> last = lastPackage(id);
    tx.update("INSERT INTO destination (id, template_id, template_version, template_xml, "
        + "certificate_pem, next_sequence, last_package_id, created_at) VALUES (?, ?, ?, ?, ?, "
        + "?, ?, ?)", id, templateId, templateVersion, templateXml, certificatePem,
        last.map(p -> p.sequence() + 1).orElse(1L), last.map(PackageRow::id).orElse(null),
        tx.now());
  }

  /** Returns the last package built for destination {@code id}, even one since removed. */
  public Optional<PackageRow> lastPackage(String id) throws IOException {
    return tx.queryOne("SELECT * FROM sync_package WHERE destination = ? ORDER BY sequence "
        + "DESC FETCH FIRST 1 ROWS ONLY", SyncTables::packageRow, id);
  }

  /** Returns the packages to destination {@code id} that no receipt has answered, in order. */
  public List<PackageRow> unanswered(String id) throws IOException {
    return tx.query("SELECT * FROM sync_package WHERE destination = ? AND receipt_id IS NULL "
        + "ORDER BY sequence", SyncTables::packageRow, id);
  }

  /**
   * Removes destination {@code id}: what it still waits for is cancelled (each an event), what
   * it holds is forgotten (an event per record, for its newest version), then its states,
   * expected and held files and the destination itself are deleted. Its packages and every
   * event stay, as history.
   *
   * @return how many record versions were still waiting for it
   */
  public int removeDestination(String id) throws IOException {
    int cancelled = 0;
    // Each cancellation is an event; the state rows it would update are deleted below.
    for (SyncRow r : tx.query(ROW + " WHERE destination = ? AND state IN ('pending', "
        + "'exported', 'failed')", SyncTables::row, id)) {
      event(r.archivalId(), r.destination(), r.version(), SyncState.CANCELLED, r.packageId(),
          "destination removed by " + tx.actor(), Optional.empty());
      cancelled++;
    }
    for (SyncRow r : tx.query(ROW + " s WHERE destination = ? AND version = (SELECT MAX("
        + "x.version) FROM sync_state x WHERE x.archival_id = s.archival_id AND x.destination "
        + "= s.destination) AND EXISTS (SELECT 1 FROM held_file h WHERE h.destination = "
        + "s.destination AND h.archival_id = s.archival_id) ORDER BY archival_id",
        SyncTables::row, id)) {
      SyncState state = r.state() == SyncState.CONFIRMED || r.state() == SyncState.CANCELLED
          ? r.state() : SyncState.CANCELLED;
      event(r.archivalId(), id, r.version(), state, r.packageId(), "destination removed by "
          + tx.actor() + ": what it holds is no longer kept", Optional.of(HeldFiles.NONE));
    }
    for (String table : List.of("sync_state", "expected_file", "held_file")) {
      tx.update("DELETE FROM " + table + " WHERE destination = ?", id);
    }
    tx.update("DELETE FROM destination WHERE id = ?", id);
    return cancelled;
  }

  /** Returns every destination, by id. */
  public List<Destination> destinations() throws IOException {
    return tx.query("SELECT * FROM destination ORDER BY id", SyncTables::destination);
  }

  /** Sets whether destination {@code id} is synced automatically, by a ferry. */
  public void setAutoSync(String id, boolean isAuto) throws IOException {
    tx.update("UPDATE destination SET auto_sync = ? WHERE id = ?", isAuto, id);
  }

  /** Returns the ids of the destinations synced automatically, in order. */
  public List<String> autoSynced() throws IOException {
    return tx.query("SELECT id FROM destination WHERE auto_sync ORDER BY id",
        rs -> rs.getString(1));
  }

  /** Returns one destination. */
  public Optional<Destination> destination(String id) throws IOException {
    return tx.queryOne("SELECT * FROM destination WHERE id = ?", SyncTables::destination, id);
  }

  private static Destination destination(ResultSet rs) throws SQLException {
    return new Destination(rs.getString("id"), rs.getString("template_id"),
        rs.getLong("template_version"), rs.getString("template_xml"),
        rs.getString("certificate_pem"), rs.getLong("next_sequence"),
        Sql.optionalPackageId(rs, "last_package_id"));
  }

  /** Queues a record version for a destination unless it is already there in any state. */
  public boolean enqueue(String archivalId, String destination, long version, String change,
      String why) throws IOException {
    if (row(archivalId, destination, version).isPresent()) {
      return false;
    }
    tx.update("INSERT INTO sync_state (archival_id, destination, version, change_kind, state, "
        + "attempts, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?)", archivalId,
        destination, version, change, tx.now());
    event(archivalId, destination, version, SyncState.PENDING, Optional.empty(), why,
        Optional.empty());
    // An older version still waiting will never be sent: this one carries its changes too.
    for (SyncRow old : tx.query(ROW + " WHERE archival_id = ? AND destination = ? AND "
        + "version < ? AND state IN ('pending', 'failed')", SyncTables::row, archivalId,
        destination, version)) {
      setState(old, SyncState.CANCELLED, old.packageId(),
          "superseded by version " + version);
    }
    return true;
  }

  /**
   * Queues version 1 of records never queued anywhere, each for one destination, as additions,
   * each with its event: the batch form of {@link #enqueue} for a first scan.
   *
   * @param queued each record's archival id and destination, with why it is queued
   */
  public void enqueueNew(List<String[]> queued) throws IOException {
    List<Addition> rows = new ArrayList<>(queued.size());
    for (String[] q : queued) {
      rows.add(new Addition(q[0], q[1], 1, q[2]));
    }
    enqueueAdditions(rows);
  }

  /**
   * Queues the current version of each of {@code records} for {@code destination}, which has
   * no row of them in any state (it was just added), as additions, each with its event: the
   * batch form of {@link #enqueue} for a destination's first queue.
   */
  public void enqueueFirst(String destination, List<RecordStat> records, String why)
      throws IOException {
    List<Addition> rows = new ArrayList<>(records.size());
    for (RecordStat r : records) {
      rows.add(new Addition(r.archivalId(), destination, r.version(), why));
    }
    enqueueAdditions(rows);
  }

  /** A record version to queue as an addition, and why. */
  private record Addition(String archivalId, String destination, long version, String why) {}

  /** Inserts pending additions, each with its event. */
  private void enqueueAdditions(List<Addition> rows) throws IOException {
    try (Sql.Batch state = tx.batch("INSERT INTO sync_state (archival_id, destination, "
        + "version, change_kind, state, attempts, updated_at) VALUES (?, ?, ?, 'add', "
        + "'pending', 0, ?)");
        Sql.Batch events = tx.batch(EVENT)) {
      java.time.Instant at = tx.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
      for (Addition r : rows) {
        state.add(r.archivalId(), r.destination(), r.version(), tx.now());
        events.add(event(at, r.archivalId(), r.destination(), r.version(), SyncState.PENDING,
            Optional.empty(), r.why(), Optional.empty()));
      }
    }
  }

  /** Returns one row. */
  public Optional<SyncRow> row(String archivalId, String destination, long version)
      throws IOException {
    return tx.queryOne(ROW + " WHERE archival_id = ? AND destination = ? AND version = ?",
        SyncTables::row, archivalId, destination, version);
  }

  /** Returns the row of a record's newest version at a destination, if it was ever queued. */
  public Optional<SyncRow> newest(String archivalId, String destination) throws IOException {
    return tx.queryOne(ROW + " WHERE archival_id = ? AND destination = ? ORDER BY version DESC "
        + "FETCH FIRST 1 ROWS ONLY", SyncTables::row, archivalId, destination);
  }

  /** Returns whether the damage report {@code id} was ingested. */
  public boolean hasDamageReport(PackageId id) throws IOException {
    return tx.queryOne("SELECT 1 FROM damage_report WHERE id = ?", rs -> 1, id).isPresent();
  }

  /** Records that a damage report was ingested. */
  public void addDamageReport(PackageId id, String destination, java.time.Instant verified,
      long lastSequence, int records) throws IOException {
    tx.update("INSERT INTO damage_report (id, destination, verified_at, last_sequence, "
        + "record_count, ingested_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)", id, destination,
        verified, lastSequence, records, tx.now(), tx.actor());
  }

  /** Returns the earliest version of {@code archivalId} queued for {@code destination}. */
  public Optional<SyncRow> firstQueued(String destination, String archivalId)
      throws IOException {
    return tx.queryOne(ROW + " WHERE destination = ? AND archival_id = ? AND state IN "
        + "('pending', 'failed') ORDER BY version FETCH FIRST 1 ROWS ONLY", SyncTables::row,
        destination, archivalId);
  }

  /** Hears the rows of a queue, one at a time. */
  @FunctionalInterface
  public interface RowConsumer {
    /** Takes one row; it may read and write the ledger in the same transaction. */
    void accept(SyncRow row) throws IOException;
  }

  /**
   * Hands each row waiting for a destination (pending and failed) to {@code each}, by archival
   * id and version, from one query whose result the database keeps (on disk beyond a few
   * thousand rows): the queue of a million records in bounded memory.
   */
  public void forEachQueued(String destination, RowConsumer each) throws IOException {
    tx.forEach(ROW + " WHERE destination = ? AND state IN ('pending', 'failed') "
        + "ORDER BY archival_id, version", rs -> each.accept(row(rs)), destination);
  }

  /** Hears a queued row with why it was queued, one at a time. */
  @FunctionalInterface
  public interface WaitingConsumer {
    /**
     * Takes one row and the detail of the event that last queued it (empty if none did, as for
     * rows of a ledger older than its events).
     */
    void accept(SyncRow row, Optional<String> queuedBecause) throws IOException;
  }

  /**
   * Hands each row waiting for a destination to {@code each}, in the order of {@link
   * #forEachQueued}, with the detail of the pending event that queued it, from one query: the
   * queue of a million records listed without a query per record or a list of them.
   */
  public void forEachWaiting(String destination, WaitingConsumer each) throws IOException {
    tx.forEach("SELECT s.archival_id, s.destination, s.version, s.change_kind, s.state, "
        + "s.package_id, s.attempts, s.last_failure, s.updated_at, (SELECT e.detail FROM "
        + "sync_event e WHERE e.archival_id = s.archival_id AND e.destination = s.destination "
        + "AND e.version = s.version AND e.state = 'pending' ORDER BY e.id DESC FETCH FIRST 1 "
        + "ROWS ONLY) AS queued_because FROM sync_state s WHERE s.destination = ? AND s.state "
        + "IN ('pending', 'failed') ORDER BY s.archival_id, s.version",
        rs -> each.accept(row(rs), Optional.ofNullable(rs.getString("queued_because"))),
        destination);
  }

  /** Returns the rows package {@code packageId} carried of the records {@code ids}. */
  public List<SyncRow> carriedBy(PackageId packageId, List<String> ids) throws IOException {
    return carriedBy(packageId, java.util.OptionalInt.empty(), ids);
  }

  /**
   * Returns the rows package {@code packageId} carried of the records {@code ids}, on its
   * volume {@code volume} alone when one is given.
   */
  public List<SyncRow> carriedBy(PackageId packageId, java.util.OptionalInt volume,
      List<String> ids) throws IOException {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>(ids.size() + 2);
    args.add(packageId);
    volume.ifPresent(args::add);
    args.addAll(ids);
    return tx.query(ROW + " WHERE package_id = ?" + onVolume(volume) + " AND archival_id IN "
        + Sql.inList(ids.size()) + " ORDER BY archival_id", SyncTables::row,
        args.toArray());
  }

  /**
   * The condition that a row of package {@code package_id} went on volume {@code volume}: the
   * volume it is on, or one of those it spans.
   */
  private static String onVolume(java.util.OptionalInt volume) {
    return volume.isEmpty() ? "" : " AND archival_id IN (SELECT v.archival_id FROM "
        + "volume_record v WHERE v.package_id = sync_state.package_id AND ? BETWEEN v.volume "
        + "AND COALESCE(v.last_volume, v.volume))";
  }

  /**
   * Gives {@code each} the rows in {@code state} that volume {@code volume} of package
   * {@code packageId} carried and that no other receipt is still to answer: all of them but
   * the records spanning into volumes whose receipts have not come (the target answers such a
   * record in the receipt of the volume that completed it there).
   */
  public void forEachSettledBy(PackageId packageId, int volume, SyncState state,
      RowConsumer each) throws IOException {
    tx.forEach(ROW + " WHERE package_id = ?" + onVolume(java.util.OptionalInt.of(volume))
        + " AND state = ? AND NOT EXISTS (SELECT 1 FROM volume_record v JOIN package_volume p "
        + "ON p.package_id = v.package_id AND p.volume BETWEEN v.volume AND v.last_volume "
        + "WHERE v.package_id = sync_state.package_id AND v.archival_id = "
        + "sync_state.archival_id AND p.volume <> ? AND p.receipt_id IS NULL) ORDER BY "
        + "archival_id", rs -> each.accept(row(rs)), packageId, volume, state.label(), volume);
  }

  /**
   * Gives {@code each} the rows package {@code packageId} carried that are in {@code state},
   * read through one cursor.
   */
  public void forEachCarried(PackageId packageId, SyncState state, RowConsumer each)
      throws IOException {
    forEachCarried(packageId, java.util.OptionalInt.empty(), state, each);
  }

  /**
   * Gives {@code each} the rows package {@code packageId} carried, on its volume
   * {@code volume} alone when one is given, that are in {@code state}, through one cursor.
   */
  public void forEachCarried(PackageId packageId, java.util.OptionalInt volume,
      SyncState state, RowConsumer each) throws IOException {
    List<Object> args = new ArrayList<>(3);
    args.add(packageId);
    volume.ifPresent(args::add);
    args.add(state.label());
    tx.forEach(ROW + " WHERE package_id = ?" + onVolume(volume) + " AND state = ? ORDER BY "
        + "archival_id", rs -> each.accept(row(rs)), args.toArray());
  }

  /** Returns the rows matching the filters (each optional), ordered. */
  public List<SyncRow> rows(Optional<String> archivalId, Optional<String> destination,
      Optional<SyncState> state) throws IOException {
    List<SyncRow> rows = new ArrayList<>();
    forEachRow(archivalId, destination, state, rows::add);
    return rows;
  }

  /**
   * Hands the rows matching the filters (each optional) to {@code each} in the order of {@link
   * #rows}, through one cursor: every state of a million records in bounded memory.
   */
  public void forEachRow(Optional<String> archivalId, Optional<String> destination,
      Optional<SyncState> state, RowConsumer each) throws IOException {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder(ROW + " WHERE 1 = 1");
    archivalId.ifPresent(a -> { sql.append(" AND archival_id = ?"); args.add(a); });
    destination.ifPresent(d -> { sql.append(" AND destination = ?"); args.add(d); });
    state.ifPresent(s -> { sql.append(" AND state = ?"); args.add(s.label()); });
    sql.append(" ORDER BY archival_id, destination, version");
    tx.forEach(sql.toString(), rs -> each.accept(row(rs)), args.toArray());
  }

  /** Moves a row to {@code state}, carried by {@code packageId} if any, recording the event. */
  public void setState(SyncRow row, SyncState state, Optional<PackageId> packageId,
      String detail)
      throws IOException {
    setStates(List.of(new StateChange(row, state, packageId, detail)));
  }

  /**
   * One move of a row to a state, as {@link #setState} makes it.
   *
   * @param row the row as it was read
   * @param state its new state
   * @param packageId the package that carries it, if any
   * @param detail why, for its event
   * @param held the digest of what the destination holds of the record after this change
   *     ({@link HeldFiles#digest}), when the change comes with held files the ledger keeps
   */
  public record StateChange(SyncRow row, SyncState state, Optional<PackageId> packageId,
      String detail, Optional<Digest> held) {
    /** Returns a change that leaves what the destination holds as the ledger keeps it. */
    public StateChange(SyncRow row, SyncState state, Optional<PackageId> packageId,
        String detail) {
      this(row, state, packageId, detail, Optional.empty());
    }
  }

  /**
   * Makes {@code changes} in order, each with its event, two statements for all of them: a
   * receipt or a package of a hundred thousand records moves them at once.
   */
  public void setStates(List<StateChange> changes) throws IOException {
    java.time.Instant at = tx.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    try (Sql.Batch update = tx.batch("UPDATE sync_state SET state = ?, package_id = ?, "
        + "attempts = ?, last_failure = ?, updated_at = ? WHERE archival_id = ? AND "
        + "destination = ? AND version = ?");
        Sql.Batch events = tx.batch(EVENT)) {
      for (StateChange c : changes) {
        SyncRow row = c.row();
        int attempts = row.attempts() + (c.state() == SyncState.EXPORTED ? 1 : 0);
        String failure = c.state() == SyncState.FAILED ? c.detail()
            : row.lastFailure().orElse(null);
        update.add(c.state().label(), c.packageId().orElse(null), attempts, failure, tx.now(),
            row.archivalId(), row.destination(), row.version());
        events.add(event(at, row.archivalId(), row.destination(), row.version(), c.state(),
            c.packageId(), c.detail(), c.held()));
      }
    }
  }

  /**
   * Records, each with an event that leaves its row's state as it is, what the destination now
   * holds of the rows' records: for held files that change without a change of state.
   */
  public void noteHeld(List<StateChange> notes) throws IOException {
    java.time.Instant at = tx.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    try (Sql.Batch events = tx.batch(EVENT)) {
      for (StateChange c : notes) {
        SyncRow row = c.row();
        if (c.state() != row.state() || c.held().isEmpty()) {
          throw new IllegalArgumentException("not a note of held files: " + c);
        }
        events.add(event(at, row.archivalId(), row.destination(), row.version(), c.state(),
            c.packageId(), c.detail(), c.held()));
      }
    }
  }

  /** Records the change kind a package build planned for each row, in one batch. */
  public void setChanges(java.util.Map<SyncRow, String> changes) throws IOException {
    try (Sql.Batch batch = tx.batch("UPDATE sync_state SET change_kind = ? WHERE archival_id = ?"
        + " AND destination = ? AND version = ?")) {
      for (var c : changes.entrySet()) {
        batch.add(c.getValue(), c.getKey().archivalId(), c.getKey().destination(),
            c.getKey().version());
      }
    }
  }

  private static final String EVENT = "INSERT INTO sync_event (at, actor, archival_id, "
      + "destination, version, state, package_id, detail, held, hash) VALUES (?, ?, ?, ?, ?, ?, "
      + "?, ?, ?, ?)";

  private void event(String archivalId, String destination, long version, SyncState state,
      Optional<PackageId> packageId, String detail, Optional<Digest> held) throws IOException {
    tx.update(EVENT, event(tx.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
        archivalId, destination, version, state, packageId, detail, held));
  }

  /**
   * Returns the parameters of the next event of the chain for {@link #EVENT}, its hash over the
   * one before, and makes it the chain's head: events must be inserted in the order made.
   */
  private Object[] event(java.time.Instant at, String archivalId, String destination,
      long version, SyncState state, Optional<PackageId> packageId, String detail,
      Optional<Digest> held) throws IOException {
    String kept = truncate(detail);
    String heldHex = held.map(Digest::hex).orElse(null);
    String hash = SyncEventChain.hash(tx.syncEventHead(), at, tx.actor(), archivalId,
        destination, version, state.label(), packageId.map(PackageId::value).orElse(null),
        kept, heldHex);
    tx.followedBy(hash);
    return new Object[] {at, tx.actor(), archivalId, destination, version, state.label(),
        packageId.orElse(null), kept, heldHex, hash};
  }

  /** Returns every event of a record, oldest first. */
  public List<SyncEvent> history(String archivalId) throws IOException {
    return tx.query("SELECT * FROM sync_event WHERE archival_id = ? ORDER BY id",
        rs -> new SyncEvent(Sql.instant(rs, "at"), rs.getString("actor"),
            rs.getString("archival_id"), rs.getString("destination"), rs.getLong("version"),
            SyncState.of(rs.getString("state")), Sql.optionalPackageId(rs, "package_id"),
            rs.getString("detail")), archivalId);
  }

  /** Records a package and advances its destination's sequence. */
  public void addPackage(PackageRow p) throws IOException {
    tx.update("INSERT INTO sync_package (id, destination, sequence, created_at, operator, bytes,"
        + " record_count, medium) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", p.id(), p.destination(),
        p.sequence(), p.createdAt(), p.operator(), p.bytes(), p.recordCount(), p.medium());
    tx.update("UPDATE destination SET next_sequence = ?, last_package_id = ? WHERE id = ?",
        p.sequence() + 1, p.id(), p.destination());
  }

  /**
   * Records that package {@code id} was published to {@code where} online, through the
   * ferry's outbox, rather than written to a medium.
   */
  public void setPublished(PackageId id, String where) throws IOException {
    tx.update("UPDATE sync_package SET medium = ?, online = TRUE WHERE id = ?", where, id);
  }

  /**
   * Records what package {@code id}'s registration form names it by: the digest of its tag
   * manifest (none for a set: each volume has its own) and how many files it carries.
   */
  public void setForm(PackageId id, Optional<Digest> manifest, long files) throws IOException {
    tx.update("UPDATE sync_package SET manifest_sha256 = ?, file_count = ? WHERE id = ?",
        manifest.map(Digest::hex).orElse(null), files, id);
  }


  /** Returns a package. */
  public Optional<PackageRow> packageRow(PackageId id) throws IOException {
    return tx.queryOne("SELECT * FROM sync_package WHERE id = ?", SyncTables::packageRow, id);
  }

  private static PackageRow packageRow(ResultSet rs) throws SQLException {
    return new PackageRow(Sql.packageId(rs, "id"), rs.getString("destination"),
        rs.getLong("sequence"), Sql.instant(rs, "created_at"), rs.getString("operator"),
        rs.getLong("bytes"), rs.getInt("record_count"), rs.getString("medium"),
        Sql.optionalPackageId(rs, "receipt_id"));
  }

  /** Records the receipt ingested for a package. */
  public void setReceipt(PackageId packageId, PackageId receiptId) throws IOException {
    tx.update("UPDATE sync_package SET receipt_id = ?, receipt_at = ? WHERE id = ?", receiptId,
        tx.now(), packageId);
  }

  /**
   * Replaces what a destination must hold of each of {@code rows}' record versions, by row,
   * two statements for all of them.
   */
  public void putExpected(java.util.Map<SyncRow, List<FileState>> rows) throws IOException {
    // Every deletion runs before the first insertion.
    try (Sql.Batch delete = tx.batch("DELETE FROM expected_file WHERE version = ? AND "
        + "destination = ? AND archival_id = ?")) {
      for (SyncRow r : rows.keySet()) {
        delete.add(r.version(), r.destination(), r.archivalId());
      }
    }
    try (Sql.Batch insert = tx.batch("INSERT INTO expected_file (destination, archival_id, "
        + "version, path, size, sha256) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (var e : rows.entrySet()) {
        SyncRow r = e.getKey();
        for (FileState f : e.getValue()) {
          insert.add(r.destination(), r.archivalId(), r.version(), f.path().value(), f.size(),
              f.digest().hex());
        }
      }
    }
  }

  /** Replaces what a destination actually holds of a record, as its receipt said. */
  public void putHeld(String destination, String archivalId, List<FileState> files)
      throws IOException {
    putHeld(destination, java.util.Map.of(archivalId, files));
  }

  /** Replaces what a destination holds of each record in {@code held}, two statements for all. */
  public void putHeld(String destination, java.util.Map<String, List<FileState>> held)
      throws IOException {
    // Every deletion runs before the first insertion.
    try (Sql.Batch delete = tx.batch("DELETE FROM held_file WHERE destination = ? AND "
        + "archival_id = ?")) {
      for (var e : held.entrySet()) {
        delete.add(destination, e.getKey());
      }
    }
    try (Sql.Batch insert = tx.batch("INSERT INTO held_file (destination, archival_id, path, "
        + "size, sha256) VALUES (?, ?, ?, ?, ?)")) {
      for (var e : held.entrySet()) {
        for (FileState f : e.getValue()) {
          insert.add(destination, e.getKey(), f.path().value(), f.size(), f.digest().hex());
        }
      }
    }
  }

  /**
   * Returns what the destination must hold of each record version of {@code ids} that package
   * {@code packageId} carries, by archival id, in one query.
   */
  public java.util.Map<String, List<FileState>> expectedOf(PackageId packageId,
      List<String> ids) throws IOException {
    java.util.Map<String, List<FileState>> out = new java.util.HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<Object> args = new ArrayList<>(ids.size() + 1);
    args.add(packageId);
    args.addAll(ids);
    tx.forEach("SELECT e.path, e.size, e.sha256, e.archival_id FROM expected_file e JOIN "
        + "sync_state s ON e.destination = s.destination AND e.archival_id = s.archival_id "
        + "AND e.version = s.version WHERE s.package_id = ? AND s.archival_id IN "
        + Sql.inList(ids.size()) + " ORDER BY e.archival_id, e.path",
        rs -> out.computeIfAbsent(rs.getString(4), a -> new ArrayList<>()).add(file(rs)),
        args.toArray());
    return out;
  }

  /**
   * Returns the records of {@code ids} that a package to {@code destination} carries which no
   * receipt has answered yet (a version of theirs is exported): what the destination holds of
   * them is not known until it comes.
   */
  public java.util.Set<String> inFlight(String destination, List<String> ids)
      throws IOException {
    java.util.Set<String> out = new java.util.HashSet<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<Object> args = new ArrayList<>(ids.size() + 1);
    args.add(destination);
    args.addAll(ids);
    tx.forEach("SELECT DISTINCT archival_id FROM sync_state WHERE destination = ? AND state = "
        + "'exported' AND archival_id IN " + Sql.inList(ids.size()), rs -> out.add(
            rs.getString(1)), args.toArray());
    return out;
  }

  /** Returns what a destination holds of each record of {@code ids}, by id; none if nothing. */
  public java.util.Map<String, List<FileState>> held(String destination, List<String> ids)
      throws IOException {
    java.util.Map<String, List<FileState>> out = new java.util.HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<Object> args = new ArrayList<>(ids.size() + 1);
    args.add(destination);
    args.addAll(ids);
    tx.forEach("SELECT path, size, sha256, archival_id FROM held_file WHERE destination = ? "
        + "AND archival_id IN " + Sql.inList(ids.size()) + " ORDER BY archival_id, path",
        rs -> out.computeIfAbsent(rs.getString(4), k -> new ArrayList<>()).add(file(rs)),
        args.toArray());
    return out;
  }

  private static FileState file(ResultSet rs) throws SQLException {
    return new FileState(new org.gapsync.format.PackagePath(rs.getString(1)), rs.getLong(2),
        org.gapsync.format.Digest.parse(org.gapsync.format.DigestAlgorithm.SHA256,
            rs.getString(3)));
  }

  static SyncRow row(ResultSet rs) throws SQLException {
    return new SyncRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
        SyncState.of(rs.getString(5)), Sql.optionalPackageId(rs, "package_id"), rs.getInt(7),
        Optional.ofNullable(rs.getString(8)), Sql.instant(rs, "updated_at"));
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 4000 ? s : s.substring(0, 4000) + "…";
  }
}
