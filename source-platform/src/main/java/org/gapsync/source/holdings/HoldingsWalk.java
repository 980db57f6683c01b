package org.gapsync.source.holdings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.gapsync.source.holdings.HoldingsTree.Folder;
import org.gapsync.source.holdings.HoldingsTree.Batch;

/**
 * A walk of a holdings tree running in the background, on every core, from the moment it is
 * started: a scan starts it before it opens the ledger, so that the walk and the ledger's
 * start-up overlap. Closing it stops the walk.
 *
 * <pre>{@code
 * try (HoldingsWalk walk = HoldingsWalk.start(root); SourceLedger ledger = open()) {
 *   new HoldingsScanner(ledger, false, false, Progress.NONE).scan(walk);
 * }
 * }</pre>
 */
public final class HoldingsWalk implements AutoCloseable {
  private final Path root;
  private final ForkJoinPool pool;
  // Records by parent folder, as the walk hands them over; an empty batch marks the end. The
  // walk waits while this many are not taken yet: it runs ahead of a slow scan, not away.
  private final BlockingQueue<Batch> walked = new LinkedBlockingQueue<>(64);
  private final Future<?> done;
  private volatile boolean isStopped;

  private HoldingsWalk(Path root) {
    this.root = root;
    this.pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    this.done = pool.submit(() -> {
      try {
        HoldingsTree.Walk top = new HoldingsTree.Walk(root.toAbsolutePath(), this::handOver,
            () -> isStopped);
        pool.invoke(top);
        top.record().map(Folder::walked).ifPresent(w -> handOver(
            Batch.of(HoldingsTree.parentOf(w.dir()), List.of(w))));
      } finally {
        try {
          walked.put(new Batch("", List.of(), ""));
        } catch (InterruptedException stopped) {
          // Closed: nobody takes the end any more.
          Thread.currentThread().interrupt();
        }
      }
      return null;
    });
  }

  /** Hands a folder's records to the scan, waiting while it is behind; stops when closed. */
  private void handOver(Batch batch) {
    try {
      walked.put(batch);
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
      isStopped = true;
      throw new java.util.concurrent.CancellationException("the walk was stopped");
    }
  }

  /** Starts walking the holdings under {@code root}. */
  public static HoldingsWalk start(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null,
          "not a folder: check the holdings path");
    }
    return new HoldingsWalk(root);
  }

  /** Returns the holdings root, as given. */
  public Path root() {
    return root;
  }

  /**
   * Returns the records of the next parent folder walked, waiting for them; empty when the walk
   * is done.
   */
  Optional<Batch> next() throws IOException, InterruptedException {
    Batch batch = walked.take();
    if (batch.records().isEmpty()) {
      try {
        done.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UncheckedIOException io) {
          throw io.getCause();
        }
        throw new IllegalStateException("walking " + root + " failed", e.getCause());
      }
      return Optional.empty();
    }
    return Optional.of(batch);
  }

  /** Stops the walk, if it is still running. */
  @Override
  public void close() {
    isStopped = true;
    pool.shutdownNow();
  }
}
