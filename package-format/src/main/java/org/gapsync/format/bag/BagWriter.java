package org.gapsync.format.bag;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestMismatchException;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackagePath;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.manifest.Manifest;
import org.gapsync.format.manifest.ManifestEntry;
import org.gapsync.format.manifest.ManifestWriter;
import org.gapsync.format.signature.PackageSigner;

/**
 * Writes one signed bag into a container: payload files are streamed in, each byte read once,
 * copied and hashed in the same pass; {@link #finish} writes the declaration, the manifests,
 * {@code bag-info.txt} and the signature over the tag manifest, then commits the container.
 * When the container allows it, payload files may be added from several threads at once.
 *
 * <p>What grows with the payload stays off the heap: the manifest's lines, in the order the
 * files are listed, and a tag file of unknown length ({@link #newTagFile}) go to spill files in
 * a scratch folder, hashed as they are written, and are copied into the container from there.
 */
public final class BagWriter implements Closeable {
  private static final int BUFFER = 1 << 18;

  private Digest tagManifestDigest;
  private final ContainerWriter container;
  private final PackageSigner signer;
  private final Path scratch;
  private final Map<PackagePath, Digest> tags = new TreeMap<>();
  private final AtomicLong payloadBytes = new AtomicLong();
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BUFFER]);
  private Spill manifest;
  private long listed;

  /**
   * Creates a writer into {@code container}, signing with {@code signer}, spilling into the
   * system's temporary folder.
   */
  public BagWriter(ContainerWriter container, PackageSigner signer) {
    this(container, signer, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * Creates a writer into {@code container}, signing with {@code signer}, spilling into
   * {@code scratch}: a private folder, since the spill holds every file's name and digest.
   */
  public BagWriter(ContainerWriter container, PackageSigner signer, Path scratch) {
    this.container = Objects.requireNonNull(container, "container");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.scratch = Objects.requireNonNull(scratch, "scratch");
  }

  /** Returns whether {@link #addPayload} may be called from several threads at once. */
  public boolean isConcurrent() {
    return container.isConcurrent();
  }

  /**
   * Copies {@code source} into the payload at {@code path} (which starts with {@code data/}),
   * hashing it on the way, lists it in the manifest and returns what was written.
   *
   * @throws DigestMismatchException when {@code expected} is given and the bytes differ from it
   * @throws IOException when the source changes size while it is copied, or cannot be read
   */
  public FileState addPayload(PackagePath path, PayloadSource source, Optional<Digest> expected)
      throws IOException {
    FileState written = copyPayload(path, source, expected);
    list(written);
    return written;
  }

  /**
   * Copies {@code source} into the payload as {@link #addPayload} does, but leaves it to the
   * caller to {@link #list} it: files copied on several threads are listed in one order.
   */
  public FileState copyPayload(PackagePath path, PayloadSource source, Optional<Digest> expected)
      throws IOException {
    if (!BagLayout.isPayload(path)) {
      throw new IllegalArgumentException("not a payload path: " + path);
    }
    long size = source.size();
    MessageDigest md = BagLayout.ALGORITHM.newMessageDigest();
    long copied = 0;
    try (InputStream in = source.open(); OutputStream out = container.newEntry(path, size)) {
      byte[] buffer = buffers.get();
      for (int n = in.read(buffer); n >= 0 && copied <= size; n = in.read(buffer)) {
        md.update(buffer, 0, n);
        copied += n;
        if (copied <= size) {
          out.write(buffer, 0, n);
        }
      }
      if (copied != size) {
        throw new PackageFormatException(source + " changed while it was copied: "
            + copied + " bytes read, " + size + " expected; scan the holdings again");
      }
    }
    Digest digest = Digest.from(BagLayout.ALGORITHM, md);
    if (expected.isPresent() && !expected.get().equals(digest)) {
      throw new DigestMismatchException(source.toString(), expected.get(), digest);
    }
    payloadBytes.addAndGet(size);
    return new FileState(path, size, digest);
  }

  /** Lists a copied payload file in the manifest, after those listed before it. */
  public synchronized void list(FileState written) throws IOException {
    if (manifest == null) {
      manifest = new Spill(scratch);
    }
    ManifestWriter.write(new ManifestEntry(written.path(), written.digest()), manifest.out);
    listed++;
  }

  /** Adds a tag file (outside {@code data/}) such as the sync header, covered by the signature. */
  public void addTagFile(PackagePath path, byte[] bytes) throws IOException {
    checkTagName(path);
    writeEntry(path, bytes);
    tags.put(path, Digest.of(BagLayout.ALGORITHM, bytes));
  }

  /**
   * Opens a tag file of any length, such as the header of a million records: written to a spill
   * file as the caller writes, then, when the stream is closed, hashed into the tag manifest and
   * copied into the container; the payload may be written while it is open.
   */
  public OutputStream newTagFile(PackagePath path) throws IOException {
    checkTagName(path);
    Spill spill = new Spill(scratch);
    return new java.io.FilterOutputStream(spill.out) {
      private boolean closed;

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        try {
          tags.put(path, spill.finish());
          spill.copyInto(container, path);
        } finally {
          spill.delete();
        }
      }
    };
  }

  /** Returns the digest of the tag file {@code path} as written. */
  public Digest tagDigest(PackagePath path) {
    Digest d = tags.get(path);
    if (d == null) {
      throw new IllegalArgumentException("no such tag file written: " + path);
    }
    return d;
  }

  /**
   * Returns the digest of the tag manifest {@link #finish} wrote: the bytes the signature
   * signs, which cover every other byte of the bag.
   *
   * @throws IllegalStateException before the bag is finished
   */
  public Digest tagManifestDigest() {
    if (tagManifestDigest == null) {
      throw new IllegalStateException("the bag is not finished");
    }
    return tagManifestDigest;
  }

  private void checkTagName(PackagePath path) {
    if (BagLayout.isPayload(path) || isReserved(path) || tags.containsKey(path)) {
      throw new IllegalArgumentException("not a free tag file name: " + path);
    }
  }

  /**
   * Writes the declaration, {@code bag-info.txt} (with {@code Payload-Oxum} added), both
   * manifests and the signature, and gives the container its final name.
   *
   * @return where the bag now is
   */
  public synchronized Path finish(BagInfo info) throws IOException {
    Map<PackagePath, Digest> covered = new TreeMap<>(tags);
    if (manifest == null) {
      manifest = new Spill(scratch);
    }
    covered.put(BagLayout.MANIFEST, manifest.finish());
    byte[] bagInfo = info.with(BagInfo.PAYLOAD_OXUM,
        BagInfo.oxum(payloadBytes.get(), listed)).toBytes();
    covered.put(BagLayout.BAGIT_TXT, Digest.of(BagLayout.ALGORITHM, BagLayout.DECLARATION));
    covered.put(BagLayout.BAG_INFO, Digest.of(BagLayout.ALGORITHM, bagInfo));
    byte[] succession = signer.succession().toPem();
    if (!signer.succession().isEmpty()) {
      covered.put(BagLayout.SUCCESSION, Digest.of(BagLayout.ALGORITHM, succession));
    }
    List<ManifestEntry> tagEntries = new ArrayList<>();
    covered.forEach((p, d) -> tagEntries.add(new ManifestEntry(p, d)));
    byte[] tagManifest = ManifestWriter.toBytes(new Manifest(BagLayout.ALGORITHM, tagEntries));
    tagManifestDigest = Digest.of(BagLayout.ALGORITHM, tagManifest);
    writeEntry(BagLayout.BAGIT_TXT, BagLayout.DECLARATION);
    writeEntry(BagLayout.BAG_INFO, bagInfo);
    try {
      manifest.copyInto(container, BagLayout.MANIFEST);
    } finally {
      manifest.delete();
    }
    if (!signer.succession().isEmpty()) {
      writeEntry(BagLayout.SUCCESSION, succession);
    }
    writeEntry(BagLayout.TAG_MANIFEST, tagManifest);
    writeEntry(BagLayout.SIGNATURE, signer.sign(tagManifest));
    return container.commit();
  }

  /** Discards the bag unless {@link #finish} completed. */
  @Override
  public void close() throws IOException {
    try {
      container.close();
    } finally {
      if (manifest != null) {
        manifest.delete();
      }
    }
  }

  /** A file in the scratch folder, hashed and counted as it is written. */
  private static final class Spill {
    private final Path file;
    private final MessageDigest md = BagLayout.ALGORITHM.newMessageDigest();
    private final OutputStream out;
    private long size;

    Spill(Path scratch) throws IOException {
      this.file = Files.createTempFile(Files.createDirectories(scratch), ".spill-", ".tmp");
      OutputStream raw = new java.io.BufferedOutputStream(Files.newOutputStream(file), BUFFER);
      this.out = new java.security.DigestOutputStream(raw, md) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          super.write(b, off, len);
          size += len;
        }

        @Override
        public void write(int b) throws IOException {
          super.write(b);
          size++;
        }
      };
    }

    Digest finish() throws IOException {
      out.close();
      return Digest.from(BagLayout.ALGORITHM, md);
    }

    void copyInto(ContainerWriter container, PackagePath path) throws IOException {
      try (InputStream in = Files.newInputStream(file);
          OutputStream entry = container.newEntry(path, size)) {
        in.transferTo(entry);
      }
    }

    void delete() throws IOException {
      out.close();
      Files.deleteIfExists(file);
    }
  }

  private void writeEntry(PackagePath path, byte[] bytes) throws IOException {
    try (OutputStream out = container.newEntry(path, bytes.length)) {
      out.write(bytes);
    }
  }

  private static boolean isReserved(PackagePath path) {
    return path.equals(BagLayout.BAGIT_TXT) || path.equals(BagLayout.BAG_INFO)
        || path.equals(BagLayout.MANIFEST) || path.equals(BagLayout.TAG_MANIFEST)
        || path.equals(BagLayout.SIGNATURE) || path.equals(BagLayout.SUCCESSION);
  }
}
