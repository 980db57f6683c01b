package org.gapsync.format.bag;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.gapsync.format.Digest;
import org.gapsync.format.EntrySizeException;
import org.gapsync.format.Fingerprints;
import org.gapsync.format.PackagePath;
import org.gapsync.format.Progress;
import org.gapsync.format.UnsafePathException;
import org.gapsync.format.container.ContainerEntry;
import org.gapsync.format.container.ContainerReader;
import org.gapsync.format.container.EntryKind;
import org.gapsync.format.manifest.ManifestReader;
import org.gapsync.format.validation.Finding;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.format.validation.ValidationReport;

/**
 * Compares a bag's payload manifest, the payload its header declares, and the payload files
 * themselves, hashing every file (on several threads where the container allows it). The
 * manifest and the declared files are read side by side and each file is checked as soon as
 * both have named it: when they name the files in one order, as gapsync writes them, nothing is
 * kept per file at all; where the orders differ, what one has named and the other not yet
 * waits, by name. A file whose size disagrees with the header, or that would expand far beyond
 * its stored size, is not read. A payload file neither names is found by one more pass over the
 * container, only when the count of files checked falls short of the count of files present.
 */
final class PayloadHasher {
  private static final int BUFFER = 1 << 18;
  /** Beyond this ratio a compressed entry is treated as a decompression bomb. */
  static final long MAX_EXPANSION = 200;
  private static final long EXPANSION_FLOOR = 1 << 20;
  private static final int BATCH_FILES = 512;
  private static final long BATCH_BYTES = 64L << 20;

  private final ContainerReader reader;
  private final BagScan scan;
  private final int threads;
  private final ValidationReport.Builder out;
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BUFFER]);
  private final Progress progress;
  private final AtomicLong done = new AtomicLong();
  private final List<Task> batch = new ArrayList<>();
  private long batchBytes;
  private long checked;
  private boolean hasManifest;
  private boolean hasHeader;
  private ForkJoinPool pool;

  /** A file to hash, and what it is compared with. */
  private record Task(PackagePath path, ContainerEntry entry, Digest listed) {}

  PayloadHasher(ContainerReader reader, BagScan scan, int threads, ValidationReport.Builder out,
      Progress progress) {
    this.reader = reader;
    this.scan = scan;
    this.threads = reader.isConcurrent() ? threads : 1;
    this.out = out;
    this.progress = progress;
  }

  /**
   * Checks the payload against {@code manifest} (the payload manifest, already checked, when
   * readable) and {@code declared} (the header's files, when the header was read and declares
   * every payload file).
   */
  void check(Optional<ManifestReader.Opener> manifest,
      Optional<Iterable<DeclaredFile>> declared) throws IOException {
    hasManifest = manifest.isPresent();
    hasHeader = declared.isPresent();
    progress.advanced(scan.payloadBytes(), 0);
    pool = threads > 1 ? new ForkJoinPool(threads) : null;
    try {
      join(manifest, declared);
      if (checked < scan.payloadFiles()) {
        findUnnamed(manifest, declared);
      }
      flush();
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /** Reads the manifest and the declared files side by side, checking each file once. */
  private void join(Optional<ManifestReader.Opener> manifest,
      Optional<Iterable<DeclaredFile>> declared) throws IOException {
    Map<PackagePath, Digest> listedOnly = new LinkedHashMap<>();
    Map<PackagePath, DeclaredFile> declaredOnly = new LinkedHashMap<>();
    Iterator<DeclaredFile> files = declared.map(Iterable::iterator)
        .orElse(Collections.emptyIterator());
    if (manifest.isPresent()) {
      try (InputStream in = manifest.get().open()) {
        ManifestReader.forEach(BagLayout.MANIFEST.value(), BagLayout.ALGORITHM, in,
            (entry, number) -> {
              PackagePath p = entry.path();
              if (!BagLayout.isPayload(p)) {
                out.add(FindingCode.MANIFEST_MALFORMED, BagLayout.MANIFEST.value(),
                    "lists " + p + ", which is outside " + BagLayout.PAYLOAD + "/");
              } else {
                DeclaredFile d = declaredOnly.remove(p);
                if (d != null) {
                  named(p, entry.digest(), d);
                } else {
                  listedOnly.put(p, entry.digest());
                }
              }
              if (files.hasNext()) {
                declared(files.next(), listedOnly, declaredOnly);
              }
            });
      }
    }
    while (files.hasNext()) {
      declared(files.next(), listedOnly, declaredOnly);
    }
    for (Map.Entry<PackagePath, Digest> e : listedOnly.entrySet()) {
      named(e.getKey(), e.getValue(), null);
    }
    for (Map.Entry<PackagePath, DeclaredFile> e : declaredOnly.entrySet()) {
      named(e.getKey(), null, e.getValue());
    }
  }

  private void declared(DeclaredFile d, Map<PackagePath, Digest> listedOnly,
      Map<PackagePath, DeclaredFile> declaredOnly) throws IOException {
    Digest listed = listedOnly.remove(d.path());
    if (listed != null) {
      named(d.path(), listed, d);
    } else {
      declaredOnly.put(d.path(), d);
    }
  }

  /** Checks a file that the manifest lists ({@code listed}) or the header declares, or both. */
  private void named(PackagePath p, Digest listed, DeclaredFile declared) throws IOException {
    if (declared != null && listed == null && hasManifest) {
      out.add(FindingCode.HEADER_FILE_MISSING, p.value(), declared.owner()
          + " names this file but the payload manifest does not list it");
    }
    if (declared != null && listed != null && !listed.equals(declared.digest())) {
      out.add(FindingCode.HEADER_MISMATCH, p.value(), "header sha256 "
          + declared.digest().hex() + " != manifest " + listed.hex());
    }
    Optional<ContainerEntry> entry = scan.payload(reader, p);
    if (entry.isEmpty()) {
      if (listed != null) {
        out.add(FindingCode.FILE_MISSING, p.value(),
            "listed in the manifest but not in the package");
      }
      return;
    }
    checked++;
    present(p, entry.get(), listed, declared);
  }

  /** Checks a payload file the container holds, and queues it to be hashed if it is safe. */
  private void present(PackagePath p, ContainerEntry entry, Digest listed,
      DeclaredFile declared) throws IOException {
    if (hasManifest && listed == null) {
      out.add(FindingCode.FILE_UNLISTED, p.value(), "in the payload but not in the manifest");
    }
    if (hasHeader && declared == null) {
      out.add(FindingCode.PAYLOAD_NOT_IN_HEADER, p.value(),
          "in the payload but not named by any record of the header");
    }
    if (declared != null && declared.size() != entry.size()) {
      out.add(FindingCode.HEADER_MISMATCH, p.value(), "size " + entry.size()
          + " in the container != " + declared.size() + " declared by the header; not read");
      return;
    }
    if (isBomb(entry)) {
      out.add(bomb(p.value(), entry));
      return;
    }
    batch.add(new Task(p, entry, listed));
    batchBytes += entry.size();
    if (batch.size() >= BATCH_FILES || batchBytes >= BATCH_BYTES) {
      flush();
    }
  }

  /** Returns the finding for {@code entry} at {@code path}, left unread as a bomb. */
  static Finding bomb(String path, ContainerEntry entry) {
    return new Finding(FindingCode.EXPANSION_LIMIT, path, "would expand from "
        + entry.storedSize() + " to " + entry.size() + " bytes, beyond " + MAX_EXPANSION
        + " times; not read");
  }

  /** Returns whether {@code entry} would expand far beyond the bytes it takes. */
  static boolean isBomb(ContainerEntry entry) {
    return entry.size() > EXPANSION_FLOOR
        && entry.size() / Math.max(1, entry.storedSize()) > MAX_EXPANSION;
  }

  /**
   * Finds the payload files that neither the manifest nor the header names: each present file
   * whose fingerprint is not among the named ones'. Should a fingerprint of an unnamed file
   * match a named one's, the count of matches exceeds the count of files checked, and the
   * names are compared instead.
   */
  private void findUnnamed(Optional<ManifestReader.Opener> manifest,
      Optional<Iterable<DeclaredFile>> declared) throws IOException {
    Fingerprints named = new Fingerprints();
    forEachNamed(manifest, declared, p -> named.add(p.value()));
    long[] matches = {0};
    eachPayloadFile(p -> {
      if (named.contains(named.of(p.value()))) {
        matches[0]++;
      }
    });
    if (matches[0] == checked) {
      eachPresent((p, e) -> !named.contains(named.of(p.value())));
      return;
    }
    Set<PackagePath> exact = new HashSet<>();
    forEachNamed(manifest, declared, exact::add);
    eachPresent((p, e) -> !exact.contains(p));
  }

  private interface PathConsumer {
    void accept(PackagePath path) throws IOException;
  }

  private interface Unnamed {
    boolean test(PackagePath path, ContainerEntry entry) throws IOException;
  }

  private static void forEachNamed(Optional<ManifestReader.Opener> manifest,
      Optional<Iterable<DeclaredFile>> declared, PathConsumer consumer) throws IOException {
    if (manifest.isPresent()) {
      try (InputStream in = manifest.get().open()) {
        ManifestReader.forEach(BagLayout.MANIFEST.value(), BagLayout.ALGORITHM, in,
            (entry, number) -> consumer.accept(entry.path()));
      }
    }
    if (declared.isPresent()) {
      for (DeclaredFile d : declared.get()) {
        consumer.accept(d.path());
      }
    }
  }

  private void eachPayloadFile(PathConsumer consumer) throws IOException {
    eachPresent((p, e) -> {
      consumer.accept(p);
      return false;
    });
  }

  /** Checks, as unnamed, each present payload file that {@code isUnnamed} says is one. */
  private void eachPresent(Unnamed isUnnamed) throws IOException {
    reader.entries(entry -> {
      if (entry.kind() != EntryKind.FILE) {
        return;
      }
      PackagePath p;
      try {
        p = PackagePath.parse(entry.name());
      } catch (UnsafePathException e) {
        return;
      }
      if (BagLayout.isPayload(p) && !scan.isExcluded(p) && isUnnamed.test(p, entry)) {
        present(p, entry, null, null);
      }
    });
  }

  /** Hashes the queued files, on several threads where allowed, and reports in their order. */
  private void flush() throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    Finding[] found = new Finding[batch.size()];
    if (pool == null) {
      for (int i = 0; i < found.length; i++) {
        found[i] = hash(batch.get(i));
      }
    } else {
      try {
        pool.submit(() -> java.util.stream.IntStream.range(0, found.length).parallel()
            .forEach(i -> found[i] = hash(batch.get(i)))).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("verification interrupted");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof java.util.concurrent.CancellationException c) {
          throw c;
        }
        throw new IllegalStateException("hashing failed", e.getCause());
      }
    }
    for (Finding f : found) {
      if (f != null) {
        out.add(f);
      }
    }
    batch.clear();
    batchBytes = 0;
  }

  /** Hashes one file; returns the finding it gives, or null. */
  private Finding hash(Task task) {
    String path = task.path().value();
    try (InputStream in = reader.open(task.entry())) {
      Digest actual = digest(in, buffers.get(), n -> progress.advanced(scan.payloadBytes(),
          done.addAndGet(n)));
      Digest expected = task.listed();
      return expected == null || expected.equals(actual) ? null
          : new Finding(FindingCode.DIGEST_MISMATCH, path, "actual " + actual.hex()
              + " != expected " + expected.hex());
    } catch (java.util.concurrent.CancellationException e) {
      // The listener's way to stop the pass (the user pressed Ctrl-C): not a finding.
      throw e;
    } catch (EntrySizeException e) {
      return new Finding(e.isOverrun() ? FindingCode.EXPANSION_LIMIT
          : FindingCode.CONTAINER_UNREADABLE, path, e.getMessage());
    } catch (IOException | RuntimeException e) {
      // Commons Compress reports some corrupt compressed data with unchecked exceptions.
      return new Finding(FindingCode.CONTAINER_UNREADABLE, path, "cannot be read: "
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
