package org.gapsync.target.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.gapsync.format.Digest;
import org.gapsync.format.FileState;
import org.gapsync.format.Fingerprints;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.container.ContainerEntry;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerReader;
import org.gapsync.format.container.EntryKind;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.RecordChange;
import org.gapsync.platform.Plural;
import org.gapsync.target.ingest.ApplyPlan.Planned;
import org.gapsync.target.ledger.PackageState;
import org.gapsync.target.ledger.ReceivedPackage;
import org.gapsync.target.ledger.ReplicaFile;
import org.gapsync.target.ledger.ReplicaRecord;
import org.gapsync.target.ledger.TargetLedger;
import org.gapsync.target.ledger.Transaction;
import org.gapsync.target.replica.CrashPoint;
import org.gapsync.target.replica.ReplicaStore;
import org.gapsync.target.replica.ReplicaUpdate;

/**
 * Applies one verified package whose turn has come: plans each record's change against the
 * ledger, stages the files (hashing them again as they are copied off the medium), moves them
 * into the replica under a journal, re-reads every touched record from disk for the receipt,
 * and commits the ledger. A failure before the commit puts the replica back as it was.
 */
final class PackageApplier {
  static final String METADATA = "metadata.xml";
  private final TargetLedger ledger;
  private final ReplicaStore store;
  private final TargetFolders folders;
  private final Receipts receipts;
  private final String targetId;
  private final Clock clock;
  private final String operator;
  private final ImportProgress progress;
  private final java.util.function.Supplier<Optional<String>> repaired;

  /**
   * Creates the applier; {@code repaired} says, while a package repaired from its medium's
   * recovery data is imported, what was repaired, for its receipt.
   */
  PackageApplier(TargetLedger ledger, ReplicaStore store, TargetFolders folders,
      Receipts receipts, String targetId, Clock clock, String operator,
      ImportProgress progress, java.util.function.Supplier<Optional<String>> repaired) {
    this.progress = progress;
    this.repaired = repaired;
    this.operator = operator;
    this.ledger = ledger;
    this.store = store;
    this.folders = folders;
    this.receipts = receipts;
    this.targetId = targetId;
    this.clock = clock;
  }

  Settled apply(Path path, PackageHeader header, String signer, String sequenceNote,
      long bytes, boolean wasWaiting) throws IOException {
    String src = header.sourcePlatform();
    // A volume of a set is applied, recorded and answered under its own name.
    PackageId id = header.bagName();
    SpanningRecords spanning = SpanningRecords.of(folders.pieces(), header);
    ReplicaUpdate update = ReplicaUpdate.begin(store, folders.work(), id);
    Path storedReceipt = null;
    ImportOutcome outcome;
    try (ApplyPlan plan = new ApplyPlan(update.scratch("plan"))) {
      spanning.keep(path, header);
      ledger.inTransaction(tx -> {
        plan(tx, header, plan, spanning);
        return null;
      });
      stage(path, header, plan, update, spanning);
      update.prepare();
      update.execute();
      List<String> unusable = new ArrayList<>();
      String name = path.getFileName().toString();
      List<RecordResult> results;
      List<ImportedRecord> records;
      try (ResultSpill spill = new ResultSpill()) {
        plan.forEach(p -> {
          spill.add(reread(src, p, unusable));
          progress.advanced(name, ImportProgress.Step.REREAD, plan.records(), spill.size());
        });
        records = spill.records();
        results = spill.results();
      }
      var checks = QualityChecks.ofApplied(new QualityChecks.Observed(signer,
          plan.records(), Math.toIntExact(plan.files()), bytes, sequenceNote,
          plan.notApplied(), unusable, update.size(), repaired.get()));
      String waits = spanning.waiting().isEmpty() ? "" : "; " + Plural.of(spanning.waiting()
          .size(), "record") + " spanning volumes wait for the rest: " + String.join(", ",
              spanning.waiting());
      outcome = ImportOutcome.builder(path, ImportOutcome.Kind.APPLIED, "applied: "
          + summary(plan) + waits + "; " + sequenceNote + repaired.get().map(r -> "; " + r)
              .orElse(""))
          .of(header).checks(checks).records(records)
          .build();
      Receipt receipt = Receipts.answering(header).by(targetId, clock.instant(), operator)
          .outcome(PackageOutcome.ACCEPTED).checks(checks).records(results).build();
      storedReceipt = receipts.store(receipt, formatOf(path), List.of(outcome));
      ledger.inTransaction(tx -> {
        commit(tx, header, plan, records, bytes, wasWaiting, receipt.receiptId());
        spanning.commit(tx);
        return null;
      });
    } catch (IOException | RuntimeException e) {
      update.abandon();
      spanning.abandon();
      if (storedReceipt != null) {
        FileTrees.delete(storedReceipt);
      }
      throw e;
    }
    CrashPoint.reach("committed");
    update.finish();
    spanning.removeJoined();
    // A set that has no record waiting any more (this volume completed them, or settled it),
    // and what an import a crash stopped kept.
    SpanningRecords.prune(ledger, folders.pieces());
    return new Settled(outcome, Optional.of(storedReceipt));
  }

  private static String summary(ApplyPlan plan) {
    Map<String, Integer> counts = plan.counts();
    return Plural.of(plan.records(), "record") + (counts.isEmpty() ? "" : " (" + counts
        .entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", ")) + ")");
  }

  static ContainerFormat formatOf(Path path) throws IOException {
    return ContainerFormat.detect(path).orElse(ContainerFormat.DIRECTORY);
  }

  /** How many records are planned per ledger query. */
  private static final int PLAN_BATCH = 512;

  /**
   * Plans each record's change against the ledger, in the header's order, a batch of records
   * per query. The folders given to new records are remembered by fingerprint: should two names
   * share one, the second record gets the next free name instead, as it would for a name
   * already taken.
   */
  private void plan(Transaction tx, PackageHeader header, ApplyPlan plan,
      SpanningRecords spanning) throws IOException {
    String src = header.sourcePlatform();
    Fingerprints newFolders = new Fingerprints();
    List<RecordChange> batch = new ArrayList<>(PLAN_BATCH);
    for (RecordChange rc : header.records()) {
      if (rc.isSpanning()) {
        // Applied whole, with the volume that brings its last piece.
        continue;
      }
      batch.add(rc);
      if (batch.size() == PLAN_BATCH) {
        plan(tx, src, batch, plan, newFolders);
        batch.clear();
      }
    }
    plan(tx, src, batch, plan, newFolders);
    batch.clear();
    for (SpanningRecords.Joined j : spanning.join(tx)) {
      if (j.problem().isPresent()) {
        plan.add(new Planned(j.change(), null, RecordOutcome.REJECTED, Optional.of(
            j.problem().get() + "; the source must send it again"), List.of(), List.of()));
      } else {
        batch.add(j.change());
      }
    }
    plan(tx, src, batch, plan, newFolders);
  }

  private void plan(Transaction tx, String src, List<RecordChange> batch, ApplyPlan plan,
      Fingerprints newFolders) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    Map<String, ReplicaRecord> held = tx.replica().records(src, batch.stream()
        .map(RecordChange::archivalId).toList());
    Map<String, List<ReplicaFile>> heldFiles = tx.replica().files(src, held.keySet());
    Set<String> taken = tx.replica().takenFolders(src, batch.stream()
        .filter(rc -> rc.change() == ChangeKind.ADD && !held.containsKey(rc.archivalId()))
        .map(RecordChange::folder).toList());
    for (RecordChange rc : batch) {
      ReplicaRecord record = held.get(rc.archivalId());
      boolean isPresent = record != null && !record.isDeleted();
      String folder = record == null ? null : record.folder();
      List<ReplicaFile> files = heldFiles.getOrDefault(rc.archivalId(), List.of());
      switch (rc.change()) {
        case DELETE -> plan.add(isPresent
            ? new Planned(rc, folder, RecordOutcome.APPLIED, Optional.empty(), List.of(),
                List.copyOf(existing(src, folder, files)))
            : new Planned(rc, folder, RecordOutcome.ALREADY_APPLIED,
                Optional.of("not held here; nothing to delete"), List.of(), List.of()));
        case MODIFY -> {
          if (!isPresent) {
            plan.add(new Planned(rc, folder, RecordOutcome.REJECTED, Optional.of("a "
                + "modification of a record this target does not hold (never received, or "
                + "deleted); the source must send the whole record"), List.of(), List.of()));
          } else {
            Set<PackagePath> have = existing(src, folder, files);
            plan.add(new Planned(rc, folder, RecordOutcome.APPLIED, Optional.empty(),
                rc.files(), rc.removed().stream().filter(have::contains).toList()));
          }
        }
        case ADD -> {
          if (folder == null) {
            folder = freeFolder(tx, src, rc.folder(), !taken.contains(rc.folder()),
                newFolders);
          }
          Set<PackagePath> stale = existing(src, folder, files);
          rc.files().forEach(f -> stale.remove(f.path()));
          plan.add(new Planned(rc, folder, RecordOutcome.APPLIED, Optional.empty(), rc.files(),
              List.copyOf(stale)));
        }
        default -> throw new AssertionError(rc.change());
      }
    }
  }

  /**
   * Returns the files a record has, on disk in {@code folder} or in the ledger ({@code held}):
   * a whole change replaces both.
   */
  private Set<PackagePath> existing(String src, String folder, List<ReplicaFile> held)
      throws IOException {
    Set<PackagePath> out = new TreeSet<>();
    if (folder == null) {
      return out;
    }
    for (ReplicaFile f : held) {
      out.add(PackagePath.parse(f.path()));
    }
    Path dir = store.recordFolder(src, folder);
    if (Files.isDirectory(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            out.add(PackagePath.parse(dir.relativize(p).toString().replace(
                p.getFileSystem().getSeparator(), "/")));
          }
        }
      }
    }
    return out;
  }

  /**
   * Returns the folder a new record gets: the one it asks for when free ({@code isWantedFree},
   * as the ledger said for the batch) and not given to an earlier record of this package,
   * otherwise the first free one of {@code wanted-2}, {@code wanted-3}, ...
   */
  private static String freeFolder(Transaction tx, String src, String wanted,
      boolean isWantedFree, Fingerprints given) throws IOException {
    String folder = wanted;
    boolean isFree = isWantedFree;
    for (int n = 2; !isFree || !given.add(folder.toLowerCase(java.util.Locale.ROOT)); n++) {
      folder = wanted + "-" + n;
      isFree = tx.replica().isFolderFree(src, folder);
    }
    return folder;
  }

  private void stage(Path path, PackageHeader header, ApplyPlan plan, ReplicaUpdate update,
      SpanningRecords spanning) throws IOException {
    String src = header.sourcePlatform();
    String packageName = path.getFileName().toString();
    long total = plan.bytesToStage();
    long[] done = {0};
    LongConsumer staged = n -> progress.advanced(packageName, ImportProgress.Step.STAGE, total,
        done[0] += n);
    staged.accept(0);
    try (ContainerReader reader = ContainerReader.open(path)) {
      plan.forEach(p -> {
        if (!p.isChanging()) {
          return;
        }
        Optional<SpanningRecords.Joined> joined = spanning.joined(p.change().archivalId());
        for (FileState f : p.puts()) {
          if (joined.isPresent()) {
            // Joined from what its volumes brought, checked whole when it was joined.
            Digest actual;
            try (InputStream in = SpanningRecords.open(joined.get().sources().get(f.path()))) {
              actual = update.put(store.file(src, p.folder(), f.path()), in, staged);
            }
            if (!actual.equals(f.digest())) {
              throw new PackageFormatException(f.path() + " of record " + p.change()
                  .archivalId() + " changed in the home's pieces folder after it was joined; "
                  + "import the volume again");
            }
            continue;
          }
          String name = p.change().payloadPath(f.path()).value();
          ContainerEntry entry = reader.find(name).orElse(null);
          if (entry == null || entry.kind() != EntryKind.FILE) {
            throw new PackageFormatException(path + ": " + name + " vanished from the package "
                + "after it was verified; import it again from an intact medium");
          }
          Digest actual;
          try (InputStream in = reader.open(entry)) {
            actual = update.put(store.file(src, p.folder(), f.path()), in, staged);
          }
          if (!actual.equals(f.digest())) {
            throw new PackageFormatException(path + ": " + name + " changed after it was "
                + "verified: actual sha256 " + actual.hex() + " != expected " + f.digest().hex()
                + "; import it again from an intact medium");
          }
        }
        for (PackagePath r : p.removes()) {
          update.remove(store.file(src, p.folder(), r));
        }
      });
    }
  }

  private ImportedRecord reread(String src, Planned p, List<String> unusable)
      throws IOException {
    String id = p.change().archivalId();
    List<FileState> now = p.folder() == null ? List.of() : store.reread(src, p.folder());
    boolean isHeld = p.change().change() != ChangeKind.DELETE
        && p.outcome() != RecordOutcome.REJECTED;
    String title = "";
    if (isHeld) {
      Path metadata = store.file(src, p.folder(), new PackagePath(METADATA));
      if (!Files.isRegularFile(metadata)) {
        unusable.add(id + ": no " + METADATA + " in the replica");
      } else {
        try {
          title = RecordMetadata.read(metadata.toString(), () -> Files.newInputStream(metadata))
              .get("title").orElse("");
        } catch (IOException e) {
          unusable.add(id + ": " + e.getMessage());
        }
      }
    } else {
      // Gone from the replica, or not changed: named as it was when last applied.
      title = ledger.inTransaction(tx -> tx.replica().title(src, id)).orElse("");
    }
    return new ImportedRecord(new RecordResult(id, p.change().version(), p.outcome(),
        p.reason(), now), p.change().change(), title);
  }

  private void commit(Transaction tx, PackageHeader header, ApplyPlan plan,
      List<ImportedRecord> records, long bytes, boolean wasWaiting, PackageId receiptId)
      throws IOException {
    String src = header.sourcePlatform();
    PackageId id = header.bagName();
    // The records were spilled one per planned record, in the plan's order.
    java.util.Iterator<ImportedRecord> reread = records.iterator();
    plan.forEach(p -> {
      ImportedRecord applied = reread.next();
      if (!p.isChanging()) {
        return;
      }
      String archivalId = p.change().archivalId();
      boolean isDelete = p.change().change() == ChangeKind.DELETE;
      tx.replica().putRecord(new ReplicaRecord(src, archivalId, p.folder(),
          p.change().version(), isDelete, id, tx.now()), isDelete || applied.title().isEmpty()
              ? Optional.empty() : Optional.of(applied.title()));
      tx.replica().clearDamage(src, archivalId);
      for (PackagePath r : p.removes()) {
        tx.replica().removeFile(src, archivalId, r.value(), id);
      }
      for (FileState f : p.puts()) {
        tx.replica().putFile(src, archivalId, new ReplicaFile(f.path().value(), f.size(),
            f.digest().hex(), id));
      }
    });
    String detail = "applied: " + summary(plan);
    if (wasWaiting) {
      tx.packages().settle(id, PackageState.APPLIED, detail);
    } else {
      tx.packages().insert(ReceivedPackage.builder(header, bytes).state(PackageState.APPLIED)
          .received(tx.now(), tx.actor()).settled(tx.now()).detail(detail).build());
    }
    Sequencer.advance(tx, header);
    tx.packages().setReceipt(id, receiptId);
  }
}
