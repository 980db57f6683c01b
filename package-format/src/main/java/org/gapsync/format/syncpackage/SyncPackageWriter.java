package org.gapsync.format.syncpackage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongConsumer;
import org.gapsync.format.FileState;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.BagWriter;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.container.Seal;
import org.gapsync.format.signature.PackageSigner;

/**
 * Writes a signed sync package onto a medium in one pass over the content: each file is read
 * once, copied and hashed together. The package appears under its final name only when it is
 * complete; a failure leaves nothing under that name.
 *
 * <pre>{@code
 * SyncPackageWriter writer = new SyncPackageWriter(signer, ContainerFormat.DIRECTORY,
 *     ContainerWriter.Options.DEFAULT, 2);
 * WrittenPackage written = writer.write(spec, records, Path.of("/media/usb"));
 * }</pre>
 */
public final class SyncPackageWriter {
  private final PackageSigner signer;
  private final ContainerFormat format;
  private final ContainerWriter.Options options;
  private final int threads;
  private final Seal seal;
  private final Path scratch;

  /** Creates a writer of {@code format} packages, copying on up to {@code threads} threads. */
  public SyncPackageWriter(PackageSigner signer, ContainerFormat format,
      ContainerWriter.Options options, int threads) {
    this(signer, format, options, threads, Seal.NONE);
  }

  /**
   * Creates a writer of {@code format} packages whose bytes pass through {@code seal} (an
   * encryption) on their way to the medium; a sealed package is a tar.
   */
  public SyncPackageWriter(PackageSigner signer, ContainerFormat format,
      ContainerWriter.Options options, int threads, Seal seal) {
    this(signer, format, options, threads, seal,
        Path.of(System.getProperty("java.io.tmpdir")));
  }

  private SyncPackageWriter(PackageSigner signer, ContainerFormat format,
      ContainerWriter.Options options, int threads, Seal seal, Path scratch) {
    this.scratch = scratch;
    this.seal = Objects.requireNonNull(seal, "seal");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.format = Objects.requireNonNull(format, "format");
    this.options = Objects.requireNonNull(options, "options");
    if (threads < 1) {
      throw new IllegalArgumentException("threads < 1: " + threads);
    }
    this.threads = threads;
  }

  /**
   * Returns a writer like this one that spills what grows with the package (the manifest and
   * the header while they are written) into {@code scratch}, a private folder, instead of the
   * system's temporary folder.
   */
  public SyncPackageWriter spillingInto(Path scratch) {
    return new SyncPackageWriter(signer, format, options, threads, seal,
        Objects.requireNonNull(scratch, "scratch"));
  }

  /** Writes the package {@code spec} with {@code records} into {@code directory}. */
  public WrittenPackage write(PackageSpec spec, List<RecordContent> records, Path directory)
      throws IOException {
    return write(spec, RecordSource.of(records), directory, bytes -> { });
  }

  /** Writes the package {@code spec} with {@code records}, telling {@code progress}. */
  public WrittenPackage write(PackageSpec spec, List<RecordContent> records, Path directory,
      LongConsumer progress) throws IOException {
    return write(spec, RecordSource.of(records), directory, progress);
  }

  /**
   * Writes the package, a batch of records at a time, telling {@code progress} the size of each
   * payload file once it is written, and 0 as each begins (from several threads at once when
   * the container allows). A listener that throws a {@link
   * java.util.concurrent.CancellationException} stops the writing: nothing is left under the
   * package's name. Payload, manifest and header list the files in one order: the records' as
   * the source gives them, each record's files in its order.
   */
  public WrittenPackage write(PackageSpec spec, RecordSource records, Path directory,
      LongConsumer progress) throws IOException {
    BagWriter bag = new BagWriter(ContainerWriter.create(format, directory,
        spec.bagName().value(), options, seal), signer, scratch);
    // One pool for every batch: its threads keep their buffers from one batch to the next.
    ForkJoinPool pool = bag.isConcurrent() && threads > 1 ? new ForkJoinPool(threads) : null;
    try (bag) {
      try {
        FolderNames folders = new FolderNames();
        long count = 0;
        long files = 0;
        long bytes = 0;
        try (OutputStream out = bag.newTagFile(SyncPackageKind.DOCUMENT);
            HeaderWriter header = HeaderWriter.start(spec, out)) {
          for (List<RecordContent> batch = records.next(); !batch.isEmpty();
              batch = records.next()) {
            BatchWritten w = writeBatch(bag, header, folders, batch, progress, pool);
            count += batch.size();
            files += w.files();
            bytes += w.bytes();
          }
          header.finish();
        }
        Path path = bag.finish(SyncPackageKind.bagInfo(spec, count, signer.profile().jcaName()));
        return new WrittenPackage(path, spec, bag.tagDigest(SyncPackageKind.DOCUMENT),
            bag.tagManifestDigest(), count, bytes, files);
      } finally {
        if (pool != null) {
          pool.shutdownNow();
          // A failed file ends its batch while its siblings may still be copying: wait for them
          // (before the bag is closed), or one could write into the package's folder
          // after it is removed.
          awaitTermination(pool);
        }
      }
    }
  }

  private record PendingFile(int record, PayloadFile file, PackagePath inBag) {}

  /** How many files and bytes one batch put into the package. */
  private record BatchWritten(long files, long bytes) {}

  /**
   * Writes one batch: names its records' folders, copies their files (on {@code pool} when
   * there is one), then lists the files in the manifest and the records in the header, in the
   * batch's order.
   */
  private static BatchWritten writeBatch(BagWriter bag, HeaderWriter header,
      FolderNames folders, List<RecordContent> batch, LongConsumer progress, ForkJoinPool pool)
      throws IOException {
    List<PendingFile> pending = new ArrayList<>();
    List<String> named = new ArrayList<>(batch.size());
    for (int r = 0; r < batch.size(); r++) {
      String folder = folders.next(batch.get(r).archivalId());
      named.add(folder);
      for (PayloadFile f : batch.get(r).files()) {
        pending.add(new PendingFile(r, f, new PackagePath("data/" + folder + "/"
            + f.path().value())));
      }
    }
    List<FileState> written = copy(bag, pending, progress, pool);
    List<List<FileState>> byRecord = new ArrayList<>(batch.size());
    List<Map<PackagePath, FilePart>> parts = new ArrayList<>(batch.size());
    batch.forEach(r -> {
      byRecord.add(new ArrayList<>(r.files().size()));
      parts.add(new java.util.HashMap<>());
    });
    long bytes = 0;
    for (int i = 0; i < pending.size(); i++) {
      FileState w = written.get(i);
      PendingFile p = pending.get(i);
      bag.list(w);
      Optional<PayloadFile.Part> part = p.file().part();
      if (part.isPresent()) {
        // The header gives the whole file, and the part the payload carries of it.
        FileState whole = part.get().whole();
        byRecord.get(p.record()).add(whole);
        parts.get(p.record()).put(whole.path(), new FilePart(part.get().number(),
            part.get().count(), part.get().offset(), w.size(), w.digest()));
      } else {
        byRecord.get(p.record()).add(new FileState(p.file().path(), w.size(), w.digest()));
      }
      bytes += w.size();
    }
    for (int r = 0; r < batch.size(); r++) {
      RecordContent c = batch.get(r);
      header.record(new RecordChange(c.archivalId(), c.change(), c.version(), named.get(r),
          byRecord.get(r), c.removed(), c.spans(), parts.get(r)));
    }
    return new BatchWritten(pending.size(), bytes);
  }

  /** Copies a batch's files on {@code pool}, or on this thread when there is none. */
  private static List<FileState> copy(BagWriter bag, List<PendingFile> pending,
      LongConsumer progress, ForkJoinPool pool) throws IOException {
    if (pool == null) {
      List<FileState> written = new ArrayList<>(pending.size());
      for (PendingFile p : pending) {
        progress.accept(0);
        written.add(bag.copyPayload(p.inBag(), p.file().source(), p.file().expected()));
        progress.accept(written.get(written.size() - 1).size());
      }
      return written;
    }
    try {
      return pool.submit(() -> pending.parallelStream().map(p -> {
        progress.accept(0);
        try {
          FileState f = bag.copyPayload(p.inBag(), p.file().source(), p.file().expected());
          progress.accept(f.size());
          return f;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("package writing interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof java.util.concurrent.CancellationException c) {
        throw c;
      }
      throw new IllegalStateException("copying failed", e.getCause());
    }
  }

  private static void awaitTermination(ForkJoinPool pool) {
    try {
      while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
        System.getLogger(SyncPackageWriter.class.getName()).log(System.Logger.Level.DEBUG,
            "still waiting for the copying threads to stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
