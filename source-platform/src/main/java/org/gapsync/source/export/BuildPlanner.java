package org.gapsync.source.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.template.Template;
import org.gapsync.platform.UsageException;
import org.gapsync.source.ledger.Destination;
import org.gapsync.source.ledger.StoredRecord;
import org.gapsync.source.ledger.SyncRow;
import org.gapsync.source.ledger.SyncState;
import org.gapsync.source.ledger.Templates;
import org.gapsync.source.ledger.Transaction;

/**
 * Plans a package: selects what is queued for the destination (or the records named), shapes
 * each record by the template, works out the files the destination does not already hold, and
 * writes the plan, a record at a time, into a {@link BuildPlan} (divided into volumes when the
 * package is to be a set); settles without a package what needs none.
 */
final class BuildPlanner {
  /** Records planned per ledger query. */
  private static final int PLAN_BATCH = 512;

  private final String sourceId;
  private final SigningKey key;

  BuildPlanner(String sourceId, SigningKey key) {
    this.sourceId = sourceId;
    this.key = key;
  }

  /** What the package is planned for: the destination, as the ledger has it, and its template. */
  record Plan(Destination destination, Template template) {}

  /**
   * Plans the package into {@code items}, record by record in archival id order, 512 rows at a
   * time, so that the queue's length costs nothing in memory.
   */
  Plan plan(Transaction tx, String destinationId, PackageBuilder.Selection selection,
      List<String> settled, BuildPlan items, PackageBuilder.Media media)
      throws IOException {
    tx.shareHoldings();
    tx.lockDestination(destinationId);
    Optional<VolumeSize> volumeSize = media.volumeSize();
    Optional<List<String>> chosen = selection.chosen();
    Destination d = tx.sync().destination(destinationId)
        .orElseThrow(() -> new UnknownDestinationException(destinationId));
    Template template = Templates.read(d);
    if (volumeSize.isPresent()) {
      // The longest name a volume's bag can have: its number and count of four digits.
      int bagName = PackageId.of(sourceId, destinationId, d.nextSequence()).value().length()
          + ".v9999-of-9999".length();
      if (media.parity() && !media.isImage() && !template.isEncrypted()
          && template.encapsulation() == org.gapsync.format.container.ContainerFormat.DIRECTORY) {
        throw new UsageException("--parity-volumes needs each volume to be one file, but the "
            + "template of " + destinationId + " writes its packages as folders: add --iso "
            + "(each volume a disc image), or give the template encapsulation tar or zip; "
            + "nothing was written");
      }
      // A parity volume is as long as the longest volume, and has its own files besides.
      long size = volumeSize.get().bytes() - (media.parity()
          ? VolumeBudget.parityReserve(media.isImage(), bagName) : 0);
      items.divideInto(new VolumeBudget(size, template.isEncrypted()
          ? org.gapsync.format.container.ContainerFormat.TAR : template.encapsulation(),
          template.isEncrypted(), media.isImage(), media.recovery(), bagName,
          Certificates.encodedLength(key.certificate()),
          key.succession().announcements().size()));
    }
    // One pool for every batch: its threads keep their XML parsers from one batch to the next.
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(
        Runtime.getRuntime().availableProcessors());
    try {
      if (chosen.isPresent()) {
        List<SyncRow> rows = chooseByHand(tx, d, template, Set.copyOf(chosen.get()));
        for (int from = 0; from < rows.size(); from += PLAN_BATCH) {
          planBatch(pool, tx, rows.subList(from, Math.min(rows.size(), from + PLAN_BATCH)),
              template, selection, settled, items);
        }
      } else {
        List<SyncRow> batch = new ArrayList<>(PLAN_BATCH);
        tx.sync().forEachQueued(destinationId, row -> {
          batch.add(row);
          if (batch.size() == PLAN_BATCH) {
            planBatch(pool, tx, batch, template, selection, settled, items);
            batch.clear();
          }
        });
        if (!batch.isEmpty()) {
          planBatch(pool, tx, batch, template, selection, settled, items);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Plan(d, template);
  }

  private static void planBatch(java.util.concurrent.ForkJoinPool pool, Transaction tx,
      List<SyncRow> batch, Template template, PackageBuilder.Selection selection,
      List<String> settled,
      BuildPlan items) throws IOException {
    String destinationId = batch.get(0).destination();
    List<String> ids = batch.stream().map(SyncRow::archivalId).distinct().toList();
    Map<String, StoredRecord> records = tx.records().get(ids);
    Map<String, org.gapsync.format.record.RecordMetadata> fields = tx.records().fields(ids);
    Map<String, List<FileState>> held = tx.sync().held(destinationId, ids);
    // What the destination holds of a record an unanswered package carries is not known
    // until its receipt comes (the package may be applied, lost or rejected): such a record
    // goes whole, or as a deletion, whatever the destination may hold of it.
    Set<String> unsure = tx.sync().inFlight(destinationId, ids);
    List<List<BuildPlan.Wanted>> desired = desired(pool, batch, records, fields, template);
    for (int i = 0; i < batch.size(); i++) {
      SyncRow row = batch.get(i);
      String title = Optional.ofNullable(fields.get(row.archivalId())).flatMap(f -> f.get(
          "title")).orElse("");
      List<FileState> has = held.getOrDefault(row.archivalId(), List.of());
      boolean isUnsure = unsure.contains(row.archivalId());
      // Sent whole, a record replaces whatever the destination holds of it, damaged or not.
      Optional<BuildPlan.Item> p = planOne(row, records.get(row.archivalId()).folder(),
          desired.get(i), selection.isWhole() || isUnsure ? List.of() : has,
          isUnsure || !has.isEmpty(), title);
      if (p.isPresent()) {
        items.add(p.get());
      } else {
        String why = desired.get(i).isEmpty()
            ? "nothing to delete: the destination never held it"
            : "the destination already holds exactly this version";
        tx.sync().setState(row, desired.get(i).isEmpty() ? SyncState.CANCELLED
            : SyncState.CONFIRMED, Optional.empty(), why);
        settled.add(row.archivalId() + ": " + why);
      }
    }
  }

  /**
   * Returns what the destination must hold of each row's record: nothing when the record is
   * deleted, replaced by a later version or no longer selected. Each record's metadata is read,
   * checked and shaped on every core at once: planning reads every metadata file of the queue.
   */
  private static List<List<BuildPlan.Wanted>> desired(java.util.concurrent.ForkJoinPool pool,
      List<SyncRow> batch,
      Map<String, StoredRecord> records,
      Map<String, org.gapsync.format.record.RecordMetadata> fields, Template template)
      throws IOException {
    try {
      return pool.submit(() -> batch.parallelStream().map(row -> {
        StoredRecord record = records.get(row.archivalId());
        boolean wanted = !record.isDeleted() && record.version() == row.version()
            && Optional.ofNullable(fields.get(row.archivalId()))
                .map(template.selection()::matches).orElse(false);
        try {
          return wanted ? DesiredState.of(record, template) : List.<BuildPlan.Wanted>of();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("planning interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof java.io.UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("planning failed", e.getCause());
    }
  }

  /**
   * Plans one record: the change that brings the destination from {@code held} (what it holds,
   * as far as the package is concerned: none for a record sent whole) to {@code desired};
   * none when there is nothing to do. A record the destination may hold ({@code mayHold}) and
   * must not is deleted.
   */
  private static Optional<BuildPlan.Item> planOne(SyncRow row, String folder,
      List<BuildPlan.Wanted> desired, List<FileState> held, boolean mayHold, String title) {
    Map<PackagePath, FileState> heldByPath = new HashMap<>();
    held.forEach(f -> heldByPath.put(f.path(), f));
    if (desired.isEmpty()) {
      return mayHold ? Optional.of(new BuildPlan.Item(row, ChangeKind.DELETE, folder,
          List.of(), List.of(), title)) : Optional.empty();
    }
    List<BuildPlan.Wanted> states = new ArrayList<>();
    boolean carries = false;
    for (BuildPlan.Wanted w : desired) {
      boolean isCarried = !w.state().equals(heldByPath.remove(w.state().path()));
      carries |= isCarried;
      states.add(new BuildPlan.Wanted(w.state(), isCarried, w.shaped()));
    }
    List<PackagePath> removed = heldByPath.keySet().stream().sorted().toList();
    if (!held.isEmpty() && !carries && removed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new BuildPlan.Item(row, held.isEmpty() ? ChangeKind.ADD
        : ChangeKind.MODIFY, folder, states, removed, title));
  }

  private static List<SyncRow> chooseByHand(Transaction tx, Destination d, Template template,
      Set<String> ids) throws IOException {
    List<SyncRow> rows = new ArrayList<>();
    for (String id : new java.util.TreeSet<>(ids)) {
      StoredRecord record = tx.records().get(id).orElseThrow(() ->
          new SelectionException("unknown record " + id + "; run 'holdings scan' first"));
      Optional<SyncRow> waiting = tx.sync().firstQueued(d.id(), id);
      if (waiting.isPresent()) {
        rows.add(waiting.get());
        continue;
      }
      boolean selected = tx.records().fields(id).map(template.selection()::matches)
          .orElse(false);
      if (!selected && !record.isDeleted()) {
        throw new SelectionException("record " + id + " is not selected by template "
            + template.id() + "; destination " + d.id() + " only receives what it selects");
      }
      Optional<SyncRow> current = tx.sync().row(id, d.id(), record.version());
      if (current.isEmpty()) {
        tx.sync().enqueue(id, d.id(), record.version(), "add", "selected by hand");
      } else {
        tx.sync().setState(current.get(), SyncState.PENDING, Optional.empty(), "selected by hand");
      }
      rows.add(tx.sync().row(id, d.id(), record.version()).orElseThrow());
    }
    return rows;
  }
}
