package org.gapsync.format.bag;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
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
 */
public final class BagWriter implements Closeable {
  private static final int BUFFER = 1 << 18;

  private final ContainerWriter container;
  private final PackageSigner signer;
  private final List<ManifestEntry> payload = new ArrayList<>();
  private final Map<PackagePath, byte[]> tags = new TreeMap<>();
  private final AtomicLong payloadBytes = new AtomicLong();
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BUFFER]);

  /** Creates a writer into {@code container}, signing with {@code signer}. */
  public BagWriter(ContainerWriter container, PackageSigner signer) {
    this.container = Objects.requireNonNull(container, "container");
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  /** Returns whether {@link #addPayload} may be called from several threads at once. */
  public boolean isConcurrent() {
    return container.isConcurrent();
  }

  /**
   * Copies {@code source} into the payload at {@code path} (which starts with {@code data/}),
   * hashing it on the way, and returns what was written.
   *
   * @throws DigestMismatchException when {@code expected} is given and the bytes differ from it
   * @throws IOException when the source changes size while it is copied, or cannot be read
   */
  public FileState addPayload(PackagePath path, PayloadSource source, Optional<Digest> expected)
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
    synchronized (payload) {
      payload.add(new ManifestEntry(path, digest));
    }
    payloadBytes.addAndGet(size);
    return new FileState(path, size, digest);
  }

  /** Adds a tag file (outside {@code data/}) such as the sync header, covered by the signature. */
  public void addTagFile(PackagePath path, byte[] bytes) throws IOException {
    if (BagLayout.isPayload(path) || isReserved(path)) {
      throw new IllegalArgumentException("not a free tag file name: " + path);
    }
    writeEntry(path, bytes);
    tags.put(path, bytes.clone());
  }

  /**
   * Writes the declaration, {@code bag-info.txt} (with {@code Payload-Oxum} added), both
   * manifests and the signature, and gives the container its final name.
   *
   * @return where the bag now is
   */
  public Path finish(BagInfo info) throws IOException {
    List<ManifestEntry> entries;
    synchronized (payload) {
      entries = new ArrayList<>(payload);
    }
    entries.sort(Comparator.comparing(ManifestEntry::path));
    byte[] manifest = ManifestWriter.toBytes(new Manifest(BagLayout.ALGORITHM, entries));
    byte[] bagInfo = info.with(BagInfo.PAYLOAD_OXUM,
        BagInfo.oxum(payloadBytes.get(), entries.size())).toBytes();
    Map<PackagePath, byte[]> covered = new TreeMap<>(tags);
    covered.put(BagLayout.BAGIT_TXT, BagLayout.DECLARATION);
    covered.put(BagLayout.BAG_INFO, bagInfo);
    covered.put(BagLayout.MANIFEST, manifest);
    byte[] succession = signer.succession().toPem();
    if (!signer.succession().isEmpty()) {
      covered.put(BagLayout.SUCCESSION, succession);
    }
    List<ManifestEntry> tagEntries = new ArrayList<>();
    covered.forEach((p, b) -> tagEntries.add(new ManifestEntry(p,
        Digest.of(BagLayout.ALGORITHM, b))));
    byte[] tagManifest = ManifestWriter.toBytes(new Manifest(BagLayout.ALGORITHM, tagEntries));
    writeEntry(BagLayout.BAGIT_TXT, BagLayout.DECLARATION);
    writeEntry(BagLayout.BAG_INFO, bagInfo);
    writeEntry(BagLayout.MANIFEST, manifest);
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
    container.close();
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
