package org.gapsync.source.holdings;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiPredicate;
import java.util.stream.IntStream;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.source.holdings.HoldingsTree.Batch;
import org.gapsync.source.holdings.HoldingsTree.Folder;
import org.gapsync.source.holdings.HoldingsTree.Walked;
import org.gapsync.source.ledger.RecordStat;
import org.gapsync.source.ledger.ScanClaims.Claim;
import org.gapsync.source.ledger.ScanClaims.State;
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
 * its ledger row, and only a record whose stat digest differs is read further. What changed is
 * written as soon as a chunk of records is compared, and which folder claims which archival id
 * is kept in the ledger too, so that memory does not grow with the holdings.
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
   * Hears how far a scan has come: the records walked, compared with the ledger, and those that
   * changed read and written. A listener may stop the scan by throwing a {@link
   * java.util.concurrent.CancellationException}: the scan then records nothing.
   */
  @FunctionalInterface
  public interface Progress {
    /** A listener that ignores everything. */
    Progress NONE = (expected, done) -> { };

    /**
     * Hears that {@code done} records are walked, compared and, where they changed, read and
     * written, of about {@code expected} (the live records the ledger knew; 0 on a first scan).
     */
    void compared(long expected, long done);

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

  /**
   * Scans the holdings as {@code walk} finds them. When a record the scan has written turns out
   * to be claimed by a second folder too, the scan is rolled back and runs again (walking the
   * holdings anew) without writing it, so that neither folder's claim is recorded; holdings
   * that keep changing under the scan make it give up after {@value #RUNS} runs.
   */
  public ScanReport scan(HoldingsWalk walk) throws IOException {
    Set<String> excluded = new HashSet<>();
    HoldingsWalk current = walk;
    for (int run = 1; ; run++) {
      HoldingsWalk thisRun = current;
      // The readers of records live as long as the run: each keeps its XML parser and validator
      // from one chunk to the next, which costs more to make than a record's metadata to read.
      ForkJoinPool readers = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
      try {
        return ledger.inTransaction(tx -> {
          tx.lockHoldings();
          return new Scan(tx, walk.root(), Set.copyOf(excluded), readers).run(thisRun);
        });
      } catch (ClaimedTwice again) {
        if (run == RUNS) {
          throw new IOException("the holdings kept changing during the scan: archival ids "
              + "claimed twice were found in each of " + RUNS + " runs; nothing was recorded, "
              + "scan again once the holdings are still");
        }
        excluded.addAll(again.ids);
        current = HoldingsWalk.start(walk.root());
      } finally {
        readers.shutdownNow();
        if (thisRun != walk) {
          thisRun.close();
        }
      }
    }
  }

  /** How many times a scan runs, at most, to leave out records that two folders claim. */
  private static final int RUNS = 3;

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
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Says that a scan wrote a record which another folder turns out to claim as well: the scan's
   * transaction is rolled back, and the scan runs again without writing {@link #ids}.
   */
  private static final class ClaimedTwice extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Set<String> ids;

    ClaimedTwice(Set<String> ids) {
      super("claimed twice", null, false, false);
      this.ids = ids;
    }
  }

  /**
   * A chunk of one folder's walked records, what the ledger knows of each (by position), and
   * each one's folder and metadata read again where it must be, by every thread of
   * {@code readers}, in the background from the moment the chunk is made.
   */
  private record Chunk(List<Walked> records, List<RecordStat> knowns,
      CompletableFuture<List<Optional<Read>>> reading) {
    static Chunk read(List<Walked> records, Map<String, RecordStat> inFolder,
        BiPredicate<Walked, RecordStat> isToRead, ForkJoinPool readers) {
      List<RecordStat> knowns = records.stream().map(w -> inFolder.get(w.dir())).toList();
      // A parallel stream started in a pool's task runs in that pool.
      return new Chunk(records, knowns, CompletableFuture.supplyAsync(
          () -> IntStream.range(0, records.size()).parallel()
              .mapToObj(i -> isToRead.test(records.get(i), knowns.get(i))
                  ? Optional.of(Read.of(records.get(i))) : Optional.<Read>empty())
              .toList(), readers));
    }

    /** Returns what was read, waiting for it; empty for a record that needed no reading. */
    List<Optional<Read>> reads() throws IOException {
      try {
        return reading.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof UncheckedIOException io) {
          throw io.getCause();
        }
        throw e;
      }
    }
  }

  /**
   * One scan: what it has counted and found wrong. What it finds of each record goes into the
   * ledger as soon as a few hundred are compared, its claims included ({@link ScanClaims}), so
   * memory holds one parent folder's walk and one chunk of records, never the holdings.
   */
  private final class Scan {
    /** How many records are read, compared and written together. */
    private static final int CHUNK = 512;
    private final Transaction tx;
    private final Path root;
    private final Set<String> excluded;
    private final ForkJoinPool readers;
    private final Set<String> conflicted = new HashSet<>();
    // Conflicted ids whose record this run has written already: it must run again.
    private final Set<String> writtenTwice = new HashSet<>();
    private final Set<String> readParents = new HashSet<>();
    private final List<String> invalid = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();
    private final List<String> corrupted = new ArrayList<>();
    private ChangeWriter writer;
    private long claims;
    // Records in folders found unchanged: none of them compared one by one.
    private long unchanged;

    /** A scan that writes none of the records of {@code excluded}: they are claimed twice. */
    Scan(Transaction tx, Path root, Set<String> excluded, ForkJoinPool readers) {
      this.tx = tx;
      this.root = root;
      this.excluded = excluded;
      this.readers = readers;
    }

    ScanReport run(HoldingsWalk walk) throws IOException {
      ParentDigests parents = ParentDigests.read(tx);
      // A ledger from before parent folders were kept is read whole, and compared record by
      // record once; its rows get their parents before this scan writes any.
      boolean isFirst = tx.records().isEmpty();
      boolean isByParent = !tx.records().hasRecordWithoutParent();
      KnownRecords known = isByParent ? KnownRecords.byParent() : KnownRecords.whole(tx);
      Set<String> touched = isByParent ? new HashSet<>() : putParents(known);
      readParents.addAll(touched);
      // Empty outside a scan; emptied again in case a ledger copied mid-scan says otherwise.
      tx.claims().clear();
      writer = new ChangeWriter(tx, rehash, isFirst, invalid, corrupted);
      long expected = progress.isWatched() ? tx.records().liveCount() : 0;
      long walked = compare(walk, isByParent && !rehash, parents, known, expected, isFirst);
      long live = walked == 0 && !allowEmpty ? tx.records().liveCount() : 0;
      if (live > 0) {
        throw new EmptyHoldingsException(root, live);
      }
      writer.finish();
      // A check point after the last records are hashed and written: a stop asked for while
      // they were is honoured here, before anything commits.
      progress.compared(expected, walked);
      checkMoves(parents);
      if (!writtenTwice.isEmpty()) {
        throw new ClaimedTwice(conflicted);
      }
      readParents.addAll(parents.notWalked());
      deleteUnclaimed();
      tx.claims().clear();
      touched.addAll(writer.parents());
      parents.refresh(tx, touched);
      return new ScanReport(Math.toIntExact(claims - conflicted.size() + unchanged),
          writer.added(), writer.modified(), writer.deleted(), writer.hashed(), invalid,
          conflicts, corrupted);
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
     * folder that {@code parents} finds unchanged when {@code mayLeave}, and writes what
     * changed; returns how many records were walked. The folders and metadata of one chunk are
     * read on the other cores while the chunk before it is claimed and written.
     */
    private long compare(HoldingsWalk walk, boolean mayLeave, ParentDigests parents,
        KnownRecords known, long expected, boolean isFirst) throws IOException {
      long done = 0;
      Chunk ahead = null;
      for (Optional<Batch> b = next(walk); b.isPresent(); b = next(walk)) {
        Batch batch = b.get();
        boolean isUnchanged = mayLeave && parents.matches(batch);
        parents.walked(batch.parent(), isUnchanged);
        if (isUnchanged) {
          unchanged += batch.records().size();
          done += batch.records().size();
          progress.compared(expected, done);
          continue;
        }
        readParents.add(batch.parent());
        Map<String, RecordStat> inFolder = known.in(tx, batch.parent());
        List<Walked> records = new ArrayList<>(batch.records());
        records.sort(Comparator.comparing(Walked::dir));
        for (int from = 0; from < records.size(); from += CHUNK) {
          Chunk chunk = Chunk.read(records.subList(from, Math.min(records.size(),
              from + CHUNK)), inFolder, this::isToRead, readers);
          if (ahead != null) {
            compare(ahead, parents, isFirst);
            done += ahead.records().size();
            progress.compared(expected, done);
          }
          ahead = chunk;
        }
      }
      if (ahead != null) {
        compare(ahead, parents, isFirst);
        done += ahead.records().size();
        progress.compared(expected, done);
      }
      return done;
    }

    /**
     * Compares a chunk of walked records with what the ledger knows of them and with the claims
     * of the scan so far, and writes those that changed.
     */
    private void compare(Chunk chunk, ParentDigests parents, boolean isFirst)
        throws IOException {
      List<Walked> records = chunk.records();
      List<RecordStat> knowns = chunk.knowns();
      List<Optional<Read>> reads = chunk.reads();
      List<Claim> found = new ArrayList<>();
      List<ChangeWriter.Pending> pending = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        RecordStat known = knowns.get(i);
        Optional<Read> read = reads.get(i);
        if (read.isEmpty()) {
          // The ledger's string for the folder, which the index holds anyway.
          found.add(new Claim(known.archivalId(), known.folder(), State.SEEN,
              Optional.empty()));
          pending.add(null);
        } else if (read.get().problem().isPresent()) {
          invalid.add(read.get().problem().get());
          if (known != null) {
            // Kept as the ledger knows it: a record that cannot be read is not deleted.
            found.add(new Claim(known.archivalId(), known.folder(), State.KEPT,
                Optional.empty()));
            pending.add(null);
          }
        } else {
          Folder folder = read.get().folder().orElseThrow();
          RecordMetadata metadata = read.get().metadata().orElseThrow();
          found.add(new Claim(metadata.identifier(), records.get(i).dir(), State.WRITTEN,
              Optional.empty()));
          pending.add(new ChangeWriter.Pending(metadata.identifier(), folder, metadata,
              folder.statDigest()));
        }
      }
      List<String> ids = found.stream().map(Claim::archivalId).toList();
      Map<String, Claim> claimed = tx.claims().of(ids);
      Map<String, RecordStat> before = isFirst ? Map.of() : tx.records().stats(found.stream()
          .filter(c -> c.state() == State.WRITTEN).map(Claim::archivalId).toList());
      List<Claim> added = new ArrayList<>();
      List<Claim> replaced = new ArrayList<>();
      List<ChangeWriter.Pending> toWrite = new ArrayList<>();
      for (int i = 0; i < found.size(); i++) {
        Claim c = found.get(i);
        Claim other = claimed.get(c.archivalId());
        if (c.state() == State.KEPT) {
          if (other == null) {
            claimed.put(c.archivalId(), c);
            added.add(c);
          }
          continue;
        }
        if (other != null && other.state() != State.KEPT) {
          conflict(c.archivalId(), other.folder(), c.folder());
          if (other.state() == State.WRITTEN) {
            writtenTwice.add(c.archivalId());
          }
          continue;
        }
        Claim accepted = c.state() == State.WRITTEN
            ? accept(c, before.get(c.archivalId()), parents, pending.get(i), toWrite) : c;
        claims++;
        claimed.put(c.archivalId(), accepted);
        (other == null ? added : replaced).add(accepted);
      }
      tx.claims().put(added, replaced);
      for (ChangeWriter.Pending p : toWrite) {
        writer.update(p);
      }
    }

    /**
     * Returns the claim of a new or changed record, which no other folder claims so far, and
     * adds it to {@code toWrite} unless it must not be written: when the ledger knows the record
     * in a folder found unchanged (a conflict), or when a run before this one found it claimed
     * twice. A record the ledger knows in another folder not walked yet is written, and its
     * claim says where it moved from: {@link #checkMoves} looks again once every folder is.
     */
    private Claim accept(Claim c, RecordStat before, ParentDigests parents,
        ChangeWriter.Pending p, List<ChangeWriter.Pending> toWrite) {
      boolean isMoved = before != null && !before.isDeleted()
          && !before.folder().equals(c.folder());
      if (isMoved && parents.isUnchanged(HoldingsTree.parentOf(before.folder()))) {
        conflict(c.archivalId(), before.folder(), c.folder());
        unchanged--;
        return new Claim(c.archivalId(), c.folder(), State.SEEN, Optional.empty());
      }
      Optional<String> from = isMoved ? Optional.of(before.folder()) : Optional.empty();
      if (excluded.contains(c.archivalId())) {
        return new Claim(c.archivalId(), c.folder(), State.SEEN, from);
      }
      toWrite.add(p);
      return new Claim(c.archivalId(), c.folder(), State.WRITTEN, from);
    }

    /**
     * Marks as conflicts the records that a new or changed folder claims while a folder found
     * unchanged, walked after it, still holds them.
     */
    private void checkMoves(ParentDigests parents) throws IOException {
      if (unchanged == 0) {
        return;
      }
      List<Claim> moved = new ArrayList<>();
      tx.claims().forEachMoved(c -> {
        if (parents.isUnchanged(HoldingsTree.parentOf(c.movedFrom().orElseThrow()))) {
          moved.add(c);
        }
      });
      for (Claim c : moved) {
        conflict(c.archivalId(), c.movedFrom().orElseThrow(), c.folder());
        unchanged--;
        if (c.state() == State.WRITTEN) {
          writtenTwice.add(c.archivalId());
        }
      }
    }

    /**
     * Records the deletion of every record that the ledger knows in a folder compared or gone
     * and that no folder claims or keeps, folder by folder.
     */
    private void deleteUnclaimed() throws IOException {
      List<String> sorted = new ArrayList<>(readParents);
      sorted.sort(null);
      for (String parent : sorted) {
        for (RecordStat k : tx.claims().unclaimedIn(parent)) {
          writer.delete(k);
        }
      }
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

    /** Returns whether a walked record must be read: the ledger does not know it as it is. */
    private boolean isToRead(Walked walked, RecordStat known) {
      return known == null || known.isDeleted() || rehash
          || !known.statDigest().equals(Optional.of(walked.statDigest()));
    }

    private void conflict(String id, String one, String other) {
      conflicts.add("archival id " + id + " is claimed by both " + one + " and " + other
          + "; give one of them another identifier");
      conflicted.add(id);
    }
  }
}
