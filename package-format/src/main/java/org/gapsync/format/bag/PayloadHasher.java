package org.gapsync.format.bag;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.gapsync.format.Digest;
import org.gapsync.format.EntrySizeException;
import org.gapsync.format.PackagePath;
import org.gapsync.format.Progress;
import org.gapsync.format.container.ContainerEntry;
import org.gapsync.format.container.ContainerReader;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.format.validation.ValidationReport;

/**
 * Hashes every payload file of a bag, on several threads where the container allows it. A file
 * whose declared size disagrees with the header, or that would expand far beyond its stored
 * size, is not read at all.
 */
final class PayloadHasher {
  private static final int BUFFER = 1 << 18;
  /** Beyond this ratio a compressed entry is treated as a decompression bomb. */
  static final long MAX_EXPANSION = 200;
  private static final long EXPANSION_FLOOR = 1 << 20;

  private final ContainerReader reader;
  private final int threads;
  private final ValidationReport.Builder out;
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BUFFER]);
  private final Progress progress;
  private final AtomicLong done = new AtomicLong();
  private long total;

  PayloadHasher(ContainerReader reader, int threads, ValidationReport.Builder out,
      Progress progress) {
    this.reader = reader;
    this.threads = reader.isConcurrent() ? threads : 1;
    this.out = out;
    this.progress = progress;
  }

  /**
   * Hashes every payload file and reports each whose digest differs from {@code listed}, in
   * path order; nothing is kept per file but what a finding needs.
   */
  void hash(BagIndex index, Map<PackagePath, Long> declared, Map<PackagePath, Digest> listed)
      throws IOException {
    Map<PackagePath, String> mismatches = new ConcurrentHashMap<>();
    List<Map.Entry<PackagePath, ContainerEntry>> payload = index.files().entrySet().stream()
        .filter(e -> BagLayout.isPayload(e.getKey()))
        .filter(e -> isSafeToRead(e.getKey(), e.getValue(), declared.get(e.getKey())))
        .toList();
    total = payload.stream().mapToLong(e -> e.getValue().size()).sum();
    progress.advanced(total, 0);
    if (threads == 1) {
      payload.forEach(e -> hashOne(e.getKey(), e.getValue(), listed, mismatches));
      report(mismatches);
      return;
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(() -> payload.parallelStream()
          .forEach(e -> hashOne(e.getKey(), e.getValue(), listed, mismatches))).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("verification interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof java.util.concurrent.CancellationException c) {
        throw c;
      }
      throw new IllegalStateException("hashing failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    report(mismatches);
  }

  private void report(Map<PackagePath, String> mismatches) {
    new java.util.TreeMap<>(mismatches).forEach((path, message) ->
        out.add(FindingCode.DIGEST_MISMATCH, path.value(), message));
  }

  private boolean isSafeToRead(PackagePath path, ContainerEntry entry, Long declared) {
    if (declared != null && declared != entry.size()) {
      out.add(FindingCode.HEADER_MISMATCH, path.value(), "size " + entry.size()
          + " in the container != " + declared + " declared by the header; not read");
      return false;
    }
    if (entry.size() > EXPANSION_FLOOR && entry.size() / Math.max(1, entry.storedSize())
        > MAX_EXPANSION) {
      out.add(FindingCode.EXPANSION_LIMIT, path.value(), "would expand from "
          + entry.storedSize() + " to " + entry.size() + " bytes, beyond " + MAX_EXPANSION
          + " times; not read");
      return false;
    }
    return true;
  }

  private void hashOne(PackagePath path, ContainerEntry entry, Map<PackagePath, Digest> listed,
      Map<PackagePath, String> mismatches) {
    try (InputStream in = reader.open(entry)) {
      Digest actual = digest(in, buffers.get(), n -> progress.advanced(total,
          done.addAndGet(n)));
      Digest expected = listed.get(path);
      if (expected != null && !expected.equals(actual)) {
        mismatches.put(path, "actual " + actual.hex() + " != expected " + expected.hex());
      }
    } catch (java.util.concurrent.CancellationException e) {
      // The listener's way to stop the pass (the user pressed Ctrl-C): not a finding.
      throw e;
    } catch (EntrySizeException e) {
      out.add(e.isOverrun() ? FindingCode.EXPANSION_LIMIT : FindingCode.CONTAINER_UNREADABLE,
          path.value(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      // Commons Compress reports some corrupt compressed data with unchecked exceptions.
      out.add(FindingCode.CONTAINER_UNREADABLE, path.value(), "cannot be read: "
          + e.getMessage());
    }
  }

  static Digest digest(InputStream in, byte[] buffer) throws IOException {
    return digest(in, buffer, n -> { });
  }

  private static Digest digest(InputStream in, byte[] buffer, LongConsumer read)
      throws IOException {
    MessageDigest md = BagLayout.ALGORITHM.newMessageDigest();
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      md.update(buffer, 0, n);
      read.accept(n);
    }
    return Digest.from(BagLayout.ALGORITHM, md);
  }
}
