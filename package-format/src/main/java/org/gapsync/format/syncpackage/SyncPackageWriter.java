package org.gapsync.format.syncpackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongConsumer;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageId;
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
    this.seal = Objects.requireNonNull(seal, "seal");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.format = Objects.requireNonNull(format, "format");
    this.options = Objects.requireNonNull(options, "options");
    if (threads < 1) {
      throw new IllegalArgumentException("threads < 1: " + threads);
    }
    this.threads = threads;
  }

  /** Writes the package {@code spec} with {@code records} into {@code directory}. */
  public WrittenPackage write(PackageSpec spec, List<RecordContent> records, Path directory)
      throws IOException {
    return write(spec, records, directory, bytes -> { });
  }

  /**
   * Writes the package, telling {@code progress} the size of each payload file once it is
   * written, and 0 as each begins (from several threads at once when the container allows).
   * A listener that throws a {@link java.util.concurrent.CancellationException} stops the
   * writing: nothing is left under the package's name.
   */
  public WrittenPackage write(PackageSpec spec, List<RecordContent> records, Path directory,
      LongConsumer progress) throws IOException {
    List<String> folders = folders(records);
    List<PendingFile> pending = new ArrayList<>();
    for (int r = 0; r < records.size(); r++) {
      for (PayloadFile f : records.get(r).files()) {
        pending.add(new PendingFile(r, f, new PackagePath("data/" + folders.get(r) + "/"
            + f.path().value())));
      }
    }
    try (BagWriter bag = new BagWriter(ContainerWriter.create(format, directory,
        spec.packageId().value(), options, seal), signer)) {
      List<FileState> written = copy(bag, pending, progress);
      PackageHeader header = header(spec, records, folders, pending, written);
      bag.addTagFile(SyncPackageKind.DOCUMENT, HeaderXml.write(header));
      Path path = bag.finish(SyncPackageKind.bagInfo(header, signer.profile().jcaName()));
      long bytes = written.stream().mapToLong(FileState::size).sum();
      return new WrittenPackage(path, header, bytes, written.size());
    }
  }

  private record PendingFile(int record, PayloadFile file, PackagePath inBag) {}

  private List<FileState> copy(BagWriter bag, List<PendingFile> pending, LongConsumer progress)
      throws IOException {
    if (!bag.isConcurrent() || threads == 1) {
      List<FileState> written = new ArrayList<>(pending.size());
      for (PendingFile p : pending) {
        progress.accept(0);
        written.add(bag.addPayload(p.inBag(), p.file().source(), p.file().expected()));
        progress.accept(written.get(written.size() - 1).size());
      }
      return written;
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> pending.parallelStream().map(p -> {
        progress.accept(0);
        try {
          FileState f = bag.addPayload(p.inBag(), p.file().source(), p.file().expected());
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
    } finally {
      pool.shutdownNow();
      // A failed file ends the stream while its siblings may still be copying: wait for them,
      // or one could write into the package's folder after it is removed.
      awaitTermination(pool);
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

  private static PackageHeader header(PackageSpec spec, List<RecordContent> records,
      List<String> folders, List<PendingFile> pending, List<FileState> written) {
    List<List<FileState>> files = new ArrayList<>();
    records.forEach(r -> files.add(new ArrayList<>()));
    for (int i = 0; i < pending.size(); i++) {
      PendingFile p = pending.get(i);
      files.get(p.record()).add(new FileState(p.file().path(), written.get(i).size(),
          written.get(i).digest()));
    }
    List<RecordChange> changes = new ArrayList<>();
    for (int r = 0; r < records.size(); r++) {
      RecordContent c = records.get(r);
      changes.add(new RecordChange(c.archivalId(), c.change(), c.version(), folders.get(r),
          files.get(r), c.removed()));
    }
    return new PackageHeader(spec.packageId(), spec.sourcePlatform(), spec.destination(),
        spec.template(), spec.sequence(), spec.previousPackageId(), spec.created(),
        spec.operator(), changes);
  }

  /**
   * Returns a payload folder per record: its archival id where that is a safe file name,
   * otherwise the id with unsafe characters replaced; made unique without regard to case.
   */
  static List<String> folders(List<RecordContent> records) {
    List<String> folders = new ArrayList<>(records.size());
    Set<String> used = new HashSet<>();
    for (RecordContent r : records) {
      String base = r.archivalId().replaceAll("[^A-Za-z0-9._\\-]", "_");
      if (base.length() > 100) {
        base = base.substring(0, 100);
      }
      if (!PackageId.isValid(base)) {
        base = "r" + base;
      }
      String folder = base;
      for (int n = 2; !used.add(folder.toLowerCase(Locale.ROOT)); n++) {
        folder = base + "_" + n;
      }
      folders.add(folder);
    }
    return folders;
  }
}
