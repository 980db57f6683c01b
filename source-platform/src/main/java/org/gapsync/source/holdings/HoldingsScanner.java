package org.gapsync.source.holdings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.source.holdings.HoldingsTree.Batch;
import org.gapsync.source.holdings.HoldingsTree.Folder;
import org.gapsync.source.holdings.HoldingsTree.Walked;
import org.gapsync.source.ledger.RecordStat;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.Transaction;

/**
 * Captures the changes of the holdings since the last scan, at file granularity, in one ledger
 * transaction. A file whose size and modification time are unchanged is not read, unless
 * {@code rehash} asks for a fixity audit; then a file whose bytes changed under an unchanged
 * size and time is reported as corrupted and its ledger entry kept, so the damage is not sent.
 * The tree is walked on every core while the ledger's digests of parent folders are read; the
 * records of each folder are compared as soon as they have been walked. A folder whose records'
 * folders and stat digests (each the digest of a record's files' names, sizes and times) hash
 * to the ledger's digest for it is left as it is; in any other, each record is compared with
 * its ledger row, and only a record whose stat digest differs is read further.
 *
 * <pre>{@code
 * ScanReport report = new HoldingsScanner(ledger, false, false, Progress.NONE)
 *     .scan(Path.of("/archive"));
 * }</pre>
 */
public final class HoldingsScanner {
  private final SourceLedger ledger;
  private final boolean rehash;
  private final boolean allowEmpty;
  private final Progress progress;

  /**
   * Hears how far a scan has come: comparing the walked records with the ledger, then reading
   * and writing the changed ones. A listener may stop the scan by throwing a {@link
   * java.util.concurrent.CancellationException}: the scan then records nothing.
   */
  @FunctionalInterface
  public interface Progress {
    /** A listener that ignores everything. */
    Progress NONE = (expected, done) -> { };

    /**
     * Hears that {@code done} records are walked and compared, of about {@code expected} (the
     * live records the ledger knew; 0 on a first scan).
     */
    void compared(long expected, long done);

    /** Hears that {@code done} of the {@code total} new or changed records are written. */
    default void written(long total, long done) {}

    /**
     * Returns whether someone watches the totals: only then is {@code expected} counted (a
     * query over every record, which an unchanged scan of a million would feel).
     */
    default boolean isWatched() {
      return false;
    }
  }

  /**
   * Creates a scanner; {@code progress} hears how far it has come. Unless
   * {@code allowEmpty}, a holdings root without a single record, while the ledger knows some, is
   * refused rather than taken for the deletion of every record: it is far more often a drive
   * that is not mounted.
   */
  public HoldingsScanner(SourceLedger ledger, boolean rehash, boolean allowEmpty,
      Progress progress) {
    this.ledger = ledger;
    this.rehash = rehash;
    this.allowEmpty = allowEmpty;
    this.progress = progress;
  }

  /** Scans the holdings under {@code root}. */
  public ScanReport scan(Path root) throws IOException {
    try (HoldingsWalk walk = HoldingsWalk.start(root)) {
      return scan(walk);
    }
  }

  /** Scans the holdings as {@code walk} finds them. */
  public ScanReport scan(HoldingsWalk walk) throws IOException {
    return ledger.inTransaction(tx -> new Scan(tx, walk.root()).run(walk));
  }

  /**
   * A walked record's folder read again, with its parsed metadata, or why it could not be.
   *
   * @param folder the folder with its files, unless it is no longer a record
   * @param metadata its metadata, when it parses
   * @param problem what is wrong, when either is missing
   */
  private record Read(Optional<Folder> folder, Optional<RecordMetadata> metadata,
      Optional<String> problem) {
    /** Reads the folder of {@code walked} and its metadata; safe on any thread. */
    static Read of(Walked walked) {
      try {
        Optional<Folder> read = HoldingsTree.read(Path.of(walked.dir()));
        if (read.isEmpty()) {
          return new Read(read, Optional.empty(), Optional.of(walked.dir() + ": its "
              + HoldingsTree.METADATA + " disappeared during the scan; scan again"));
        }
        Path meta = read.get().dir().resolve(HoldingsTree.METADATA);
        try {
          return new Read(read, Optional.of(RecordMetadata.read(meta.toString(),
              () -> Files.newInputStream(meta))), Optional.empty());
        } catch (PackageFormatException e) {
          return new Read(read, Optional.empty(), Optional.of(e.getMessage()));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** One scan's state: what the ledger knew, and what has been found so far. */
  private final class Scan {
    private final Transaction tx;
    private final Path root;
    private final Map<String, String> claimed = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<String> conflicted = new HashSet<>();
    private final List<ChangeWriter.Pending> pending = new ArrayList<>();
    private final List<String> invalid = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();
    private final List<String> corrupted = new ArrayList<>();
    // Records in folders found unchanged: none of them compared one by one.
    private int unchanged;

    Scan(Transaction tx, Path root) {
      this.tx = tx;
      this.root = root;
    }

    ScanReport run(HoldingsWalk walk) throws IOException {
      ParentDigests parents = ParentDigests.read(tx);
      // A ledger from before parent folders were kept is read whole, and compared record by
      // record once; its rows get their parents before this scan writes any.
      boolean isFirst = tx.records().isEmpty();
      boolean isByParent = !tx.records().hasRecordWithoutParent();
      KnownRecords known = isByParent ? KnownRecords.byParent() : KnownRecords.whole(tx);
      Set<String> touched = isByParent ? new HashSet<>() : putParents(known);
      long expected = progress.isWatched() ? tx.records().liveCount() : 0;
      int walked = compare(walk, isByParent && !rehash, parents, known, expected);
      long live = walked == 0 && !allowEmpty ? tx.records().liveCount() : 0;
      if (live > 0) {
        throw new EmptyHoldingsException(root, live);
      }
      for (String parent : parents.notWalked()) {
        known.read(tx, parent);
      }
      pending.sort(Comparator.comparing(p -> p.folder().dir()));
      claimAgainstUnchanged(parents);
      ChangeWriter writer = write(known, isFirst);
      touched.addAll(writer.parents());
      parents.refresh(tx, touched);
      return new ScanReport(claimed.size() - conflicted.size() + unchanged, writer.added(),
          writer.modified(), writer.deleted(), writer.hashed(), invalid, conflicts, corrupted);
    }

    private static Optional<Batch> next(HoldingsWalk walk) throws IOException {
      try {
        return walk.next();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("the scan was interrupted while it walked the "
            + "holdings; nothing was recorded, scan again");
      }
    }

    /**
     * Compares each folder's records as the walk hands them over, leaving alone those of a
     * folder that {@code parents} finds unchanged when {@code mayLeave}; returns how many
     * records were walked.
     */
    private int compare(HoldingsWalk walk, boolean mayLeave, ParentDigests parents,
        KnownRecords known, long expected) throws IOException {
      int done = 0;
      for (Optional<Batch> b = next(walk); b.isPresent(); b = next(walk)) {
        Batch batch = b.get();
        boolean isUnchanged = mayLeave && parents.matches(batch);
        parents.walked(batch.parent(), isUnchanged);
        if (isUnchanged) {
          unchanged += batch.records().size();
        } else {
          known.read(tx, batch.parent());
          List<Walked> records = batch.records();
          List<RecordStat> knowns = records.stream().map(w -> known.inFolder(w.dir()))
              .toList();
          // Reading folders and parsing metadata on every core; claiming stays in order.
          List<Optional<Read>> reads = readAll(records, knowns);
          for (int i = 0; i < records.size(); i++) {
            compare(records.get(i), knowns.get(i), reads.get(i));
          }
        }
        done += batch.records().size();
        progress.compared(expected, done);
      }
      return done;
    }

    /** Writes the pending records, in folder order, and the deletions of those not seen. */
    private ChangeWriter write(KnownRecords known, boolean isFirst) throws IOException {
      ChangeWriter writer = new ChangeWriter(tx, rehash, isFirst, invalid, corrupted);
      int done = 0;
      for (ChangeWriter.Pending p : pending) {
        progress.written(pending.size(), done++);
        if (!conflicted.contains(p.archivalId())) {
          writer.update(p);
        }
      }
      writer.finish();
      progress.written(pending.size(), done);
      for (RecordStat k : known.all()) {
        if (!k.isDeleted() && !seen.contains(k.archivalId())) {
          writer.delete(k);
        }
      }
      return writer;
    }

    /** Gives every record of a ledger read whole its parent folder; returns those folders. */
    private Set<String> putParents(KnownRecords known) throws IOException {
      Map<String, String> parentById = new HashMap<>();
      for (RecordStat k : known.all()) {
        parentById.put(k.archivalId(), HoldingsTree.parentOf(k.folder()));
      }
      tx.records().putParents(parentById);
      return new HashSet<>(parentById.values());
    }

    /**
     * Marks as conflicts the ids that a new or changed folder claims while a folder found
     * unchanged still holds them.
     */
    private void claimAgainstUnchanged(ParentDigests parents) throws IOException {
      if (unchanged == 0) {
        return;
      }
      for (ChangeWriter.Pending p : pending) {
        if (conflicted.contains(p.archivalId())) {
          continue;
        }
        Optional<RecordStat> k = tx.records().stat(p.archivalId());
        String folder = p.folder().dir().toString();
        if (k.isPresent() && !k.get().isDeleted() && !k.get().folder().equals(folder)
            && parents.isUnchanged(HoldingsTree.parentOf(k.get().folder()))) {
          conflict(p.archivalId(), k.get().folder(), folder);
          unchanged--;
        }
      }
    }

    /** Returns whether a walked record must be read: the ledger does not know it as it is. */
    private boolean isToRead(Walked walked, RecordStat known) {
      return known == null || known.isDeleted() || rehash
          || !known.statDigest().equals(Optional.of(walked.statDigest()));
    }

    /** Reads, on every core, the walked records that must be read; the others stay empty. */
    private List<Optional<Read>> readAll(List<Walked> records, List<RecordStat> knowns)
        throws IOException {
      try {
        return java.util.stream.IntStream.range(0, records.size()).parallel()
            .mapToObj(i -> isToRead(records.get(i), knowns.get(i))
                ? Optional.of(Read.of(records.get(i))) : Optional.<Read>empty())
            .toList();
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
    }

    /** Identifies one walked record and keeps it for writing unless it is as the ledger knows. */
    private void compare(Walked walked, RecordStat known, Optional<Read> read) {
      if (read.isEmpty()) {
        // The ledger's string for the folder, which the index holds anyway.
        claim(known.archivalId(), known.folder());
        return;
      }
      if (read.get().problem().isPresent()) {
        invalid.add(read.get().problem().get());
        keep(known);
        return;
      }
      Folder folder = read.get().folder().orElseThrow();
      RecordMetadata metadata = read.get().metadata().orElseThrow();
      if (claim(metadata.identifier(), walked.dir())) {
        pending.add(new ChangeWriter.Pending(metadata.identifier(), folder, metadata,
            folder.statDigest()));
      }
    }

    /** Keeps what the ledger knows of a record that cannot be read: it is not deleted. */
    private void keep(RecordStat known) {
      if (known != null) {
        seen.add(known.archivalId());
      }
    }

    /** Returns whether {@code id} is claimed by {@code folder} alone so far. */
    private boolean claim(String id, String folder) {
      seen.add(id);
      String other = claimed.putIfAbsent(id, folder);
      if (other == null) {
        return true;
      }
      conflict(id, other, folder);
      return false;
    }

    private void conflict(String id, String one, String other) {
      conflicts.add("archival id " + id + " is claimed by both " + one + " and " + other
          + "; give one of them another identifier");
      conflicted.add(id);
    }
  }
}
