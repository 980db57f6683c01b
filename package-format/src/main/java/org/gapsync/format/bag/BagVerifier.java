package org.gapsync.format.bag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.gapsync.format.Digest;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackagePath;
import org.gapsync.format.Progress;
import org.gapsync.format.SchemaViolationException;
import org.gapsync.format.UnsupportedFormatVersionException;
import org.gapsync.format.container.ContainerEntry;
import org.gapsync.format.container.ContainerReader;
import org.gapsync.format.manifest.Manifest;
import org.gapsync.format.manifest.ManifestReader;
import org.gapsync.format.signature.KeySuccession;
import org.gapsync.format.signature.SignatureCheck;
import org.gapsync.format.signature.SignatureVerifier;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.format.validation.ValidationReport;

/**
 * Verifies a gapsync bag in any container form and reports every finding, not just the first:
 * container safety, the BagIt declaration and metadata, the tag manifest and the signature over
 * it, the header, every payload byte against the manifest, {@code Payload-Oxum}, and the
 * header's agreement with the payload. It reads only; nothing is written anywhere.
 *
 * <pre>{@code
 * Verification<PackageHeader> v = new BagVerifier(trust, 2).verify(path, SyncPackageKind.INSTANCE);
 * v.report().findings().forEach(System.out::println);
 * }</pre>
 */
public final class BagVerifier {
  static final int SMALL_LIMIT = 1 << 20;

  private final TrustStore trust;
  private final int threads;

  /** Creates a verifier trusting {@code trust}, hashing with up to {@code threads} threads. */
  public BagVerifier(TrustStore trust, int threads) {
    this.trust = Objects.requireNonNull(trust, "trust");
    if (threads < 1) {
      throw new IllegalArgumentException("threads < 1: " + threads);
    }
    this.threads = threads;
  }

  /**
   * Verifies the bag at {@code path} as a bag of {@code kind}.
   *
   * @throws IOException only when the check cannot run at all, such as a missing path
   */
  public <H> Verification<H> verify(Path path, HeaderKind<H> kind) throws IOException {
    return verify(path, kind, Progress.NONE);
  }

  /**
   * Verifies the bag at {@code path} as a bag of {@code kind}, telling {@code progress} how much
   * of the payload is hashed.
   *
   * @throws IOException only when the check cannot run at all, such as a missing path
   */
  public <H> Verification<H> verify(Path path, HeaderKind<H> kind, Progress progress)
      throws IOException {
    ValidationReport.Builder out = new ValidationReport.Builder();
    ContainerReader reader;
    try {
      reader = ContainerReader.open(path);
    } catch (PackageFormatException e) {
      out.add(FindingCode.CONTAINER_UNREADABLE, "", e.getMessage());
      return new Verification<>(out.build(), Optional.empty(), Optional.empty(),
          new BagContents(Optional.empty(), Optional.empty()));
    }
    try (reader) {
      return verify(reader, kind, out, progress);
    }
  }

  /** Verifies a bag already opened as a container. */
  public <H> Verification<H> verify(ContainerReader reader, HeaderKind<H> kind,
      ValidationReport.Builder out, Progress progress) throws IOException {
    BagScan scan;
    try {
      scan = BagScan.of(reader, out);
    } catch (java.nio.file.NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      out.add(FindingCode.CONTAINER_UNREADABLE, "", e.getMessage());
      return new Verification<>(out.build(), Optional.empty(), Optional.empty(),
          new BagContents(Optional.empty(), Optional.empty()));
    }
    TagReader tags = new TagReader(reader, scan, out);
    // The header's schema and the signature's crypto both take a while to load the first
    // time: where the container allows, read the header beside the signature check.
    ValidationReport.Builder headerOut = new ValidationReport.Builder();
    CompletableFuture<Optional<H>> pendingHeader = reader.isConcurrent()
        ? CompletableFuture.supplyAsync(() -> readHeaderUnchecked(tags, kind, headerOut))
        : null;
    tags.checkDeclaration();
    Optional<BagInfo> info = tags.bagInfo();
    Optional<byte[]> tagManifestBytes = tags.small(BagLayout.TAG_MANIFEST, FindingCode
        .MANIFEST_MISSING, "the tag manifest, which the signature covers, is missing");
    Optional<SignatureCheck> signature = tagManifestBytes.flatMap(b -> checkSignature(tags, b));
    signature.ifPresent(s -> s.findings().forEach(out::add));
    Optional<Manifest> tagManifest = tagManifestBytes.flatMap(tags::tagManifest);
    tagManifest.ifPresent(tags::checkTagFiles);
    Optional<ManifestReader.Opener> manifest = tags.payloadManifest();
    Optional<H> header = pendingHeader == null ? readHeader(tags, kind, headerOut)
        : join(pendingHeader);
    headerOut.build().findings().forEach(out::add);
    new PayloadHasher(reader, scan, threads, out, progress).check(manifest,
        header.filter(h -> kind.declaresPayload()).map(kind::declaredPayload));
    info.ifPresent(i -> checkOxum(i, scan, out));
    BagContents contents = new BagContents(info, tagManifest);
    header.ifPresent(h -> kind.check(h, contents, out));
    header.ifPresent(h -> checkClaimedSigner(kind, h, signature, out));
    return new Verification<>(out.build(), header, signature, contents);
  }

  /** Adds a finding when a trusted signer signed a bag that claims another platform made it. */
  private static <H> void checkClaimedSigner(HeaderKind<H> kind, H header,
      Optional<SignatureCheck> signature, ValidationReport.Builder out) {
    String claimed = kind.signerId(header);
    signature.filter(SignatureCheck::isValid).flatMap(SignatureCheck::trustedAs)
        .filter(as -> !as.equals(claimed)).ifPresent(as -> out.add(
            FindingCode.SIGNER_NOT_CLAIMED, BagLayout.SIGNATURE.value(), "signed by the "
            + "certificate trusted as " + as + ", but the " + kind.displayName() + " says "
            + claimed + " made it: one platform cannot speak for another"));
  }

  private Optional<SignatureCheck> checkSignature(TagReader tags, byte[] tagManifest) {
    KeySuccession succession = KeySuccession.NONE;
    if (tags.entry(BagLayout.SUCCESSION).isPresent()) {
      Optional<byte[]> pem = tags.small(BagLayout.SUCCESSION, FindingCode.SIGNATURE_INVALID,
          "unreadable");
      try {
        succession = pem.isEmpty() ? succession
            : KeySuccession.parse(BagLayout.SUCCESSION.value(), pem.get());
      } catch (PackageFormatException e) {
        tags.out.add(FindingCode.SIGNATURE_INVALID, BagLayout.SUCCESSION.value(),
            e.getMessage());
      }
    }
    KeySuccession announced = succession;
    return tags.small(BagLayout.SIGNATURE, FindingCode.SIGNATURE_MISSING,
            "the package is not signed: no detached signature over the tag manifest")
        .map(sig -> new SignatureVerifier(trust).verify(BagLayout.SIGNATURE.value(),
            tagManifest, sig, announced));
  }

  private static <H> Optional<H> readHeaderUnchecked(TagReader tags, HeaderKind<H> kind,
      ValidationReport.Builder out) {
    try {
      return readHeader(tags, kind, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <H> Optional<H> join(CompletableFuture<Optional<H>> header) throws IOException {
    try {
      return header.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw e;
    }
  }

  private static <H> Optional<H> readHeader(TagReader tags, HeaderKind<H> kind,
      ValidationReport.Builder out) throws IOException {
    Optional<ContainerEntry> entry = tags.entry(kind.document());
    if (entry.isEmpty()) {
      out.add(FindingCode.HEADER_MISSING, kind.document().value(),
          "the " + kind.displayName() + " header is missing");
      return Optional.empty();
    }
    if (PayloadHasher.isBomb(entry.get())) {
      out.add(PayloadHasher.bomb(kind.document().value(), entry.get()));
      return Optional.empty();
    }
    try {
      return Optional.of(kind.read(() -> tags.open(entry.get())));
    } catch (UnsupportedFormatVersionException e) {
      out.add(FindingCode.HEADER_VERSION_UNSUPPORTED, kind.document().value(), e.getMessage());
    } catch (SchemaViolationException e) {
      out.add(FindingCode.HEADER_INVALID, kind.document().value(), e.getMessage());
    } catch (PackageFormatException e) {
      out.add(FindingCode.HEADER_INVALID, kind.document().value(), e.getMessage());
    }
    return Optional.empty();
  }

  private static void checkOxum(BagInfo info, BagScan scan, ValidationReport.Builder out) {
    Optional<String> oxum = info.get(BagInfo.PAYLOAD_OXUM);
    if (oxum.isEmpty() || !oxum.get().matches("[0-9]{1,19}\\.[0-9]{1,19}")) {
      out.add(FindingCode.BAG_INFO_INVALID, BagLayout.BAG_INFO.value(),
          "Payload-Oxum is missing or not '<bytes>.<files>': " + oxum.orElse("(none)"));
      return;
    }
    String actual = BagInfo.oxum(scan.payloadBytes(), scan.payloadFiles());
    if (!actual.equals(oxum.get())) {
      out.add(FindingCode.PAYLOAD_OXUM_MISMATCH, BagLayout.BAG_INFO.value(),
          "actual " + actual + " != declared " + oxum.get() + " (bytes.files)");
    }
  }

  /** Reads the tag files of one bag, adding a finding for each that is missing or malformed. */
  private static final class TagReader {
    private final ContainerReader reader;
    private final BagScan scan;
    private final ValidationReport.Builder out;

    TagReader(ContainerReader reader, BagScan scan, ValidationReport.Builder out) {
      this.reader = reader;
      this.scan = scan;
      this.out = out;
    }

    Optional<ContainerEntry> entry(PackagePath path) {
      return scan.tag(path);
    }

    InputStream open(ContainerEntry entry) throws IOException {
      return reader.open(entry);
    }

    Optional<byte[]> small(PackagePath path, FindingCode missing, String message) {
      Optional<ContainerEntry> entry = scan.tag(path);
      if (entry.isEmpty()) {
        out.add(missing, path.value(), message);
        return Optional.empty();
      }
      if (entry.get().size() > SMALL_LIMIT) {
        out.add(missing, path.value(), "larger than the " + (SMALL_LIMIT >> 10)
            + " KiB such a file may have");
        return Optional.empty();
      }
      try (InputStream in = reader.open(entry.get())) {
        return Optional.of(in.readAllBytes());
      } catch (IOException e) {
        out.add(FindingCode.CONTAINER_UNREADABLE, path.value(), e.getMessage());
        return Optional.empty();
      }
    }

    void checkDeclaration() {
      small(BagLayout.BAGIT_TXT, FindingCode.BAGIT_DECLARATION_INVALID,
          "bagit.txt is missing: this is not a BagIt bag").ifPresent(bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (!text.matches("(?s)BagIt-Version: 1\\.0\r?\n"
                + "Tag-File-Character-Encoding: UTF-8\r?\n?")) {
              out.add(FindingCode.BAGIT_DECLARATION_INVALID, BagLayout.BAGIT_TXT.value(),
                  "expected 'BagIt-Version: 1.0' and 'Tag-File-Character-Encoding: UTF-8'");
            }
          });
    }

    Optional<BagInfo> bagInfo() {
      Optional<byte[]> bytes = small(BagLayout.BAG_INFO, FindingCode.BAG_INFO_INVALID,
          "bag-info.txt is missing");
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(BagInfo.parse(BagLayout.BAG_INFO.value(), bytes.get()));
      } catch (PackageFormatException e) {
        out.add(FindingCode.BAG_INFO_INVALID, BagLayout.BAG_INFO.value(), e.getMessage());
        return Optional.empty();
      }
    }

    Optional<Manifest> tagManifest(byte[] bytes) {
      try {
        return Optional.of(ManifestReader.read(BagLayout.TAG_MANIFEST.value(),
            BagLayout.ALGORITHM, new java.io.ByteArrayInputStream(bytes)));
      } catch (IOException e) {
        out.add(FindingCode.MANIFEST_MALFORMED, BagLayout.TAG_MANIFEST.value(), e.getMessage());
        return Optional.empty();
      }
    }

    void checkTagFiles(Manifest tagManifest) {
      Map<PackagePath, Digest> listed = tagManifest.asMap();
      for (Map.Entry<PackagePath, Digest> e : listed.entrySet()) {
        Optional<ContainerEntry> entry = BagLayout.isPayload(e.getKey()) ? Optional.empty()
            : scan.tag(e.getKey());
        if (entry.isEmpty()) {
          out.add(FindingCode.FILE_MISSING, e.getKey().value(),
              "listed in the tag manifest but not in the package");
          continue;
        }
        try (InputStream in = reader.open(entry.get())) {
          Digest actual = PayloadHasher.digest(in, new byte[1 << 16]);
          if (!actual.equals(e.getValue())) {
            out.add(FindingCode.DIGEST_MISMATCH, e.getKey().value(), "actual " + actual.hex()
                + " != expected " + e.getValue().hex() + " (tag manifest)");
          }
        } catch (IOException ex) {
          out.add(FindingCode.CONTAINER_UNREADABLE, e.getKey().value(), ex.getMessage());
        }
      }
      List<PackagePath> exempt = List.of(BagLayout.TAG_MANIFEST, BagLayout.SIGNATURE);
      scan.tags().keySet().stream()
          .filter(p -> !exempt.contains(p))
          .filter(p -> !listed.containsKey(p))
          .forEach(p -> out.add(FindingCode.FILE_UNLISTED, p.value(),
              "tag file not in the tag manifest, so not covered by the signature"));
    }

    /**
     * Checks the payload manifest a line at a time, without keeping it; returns how to read it
     * again, when it is there and well formed.
     */
    Optional<ManifestReader.Opener> payloadManifest() {
      Optional<ContainerEntry> entry = scan.tag(BagLayout.MANIFEST);
      if (entry.isEmpty()) {
        out.add(FindingCode.MANIFEST_MISSING, BagLayout.MANIFEST.value(),
            "the payload manifest is missing");
        return Optional.empty();
      }
      if (PayloadHasher.isBomb(entry.get())) {
        out.add(PayloadHasher.bomb(BagLayout.MANIFEST.value(), entry.get()));
        return Optional.empty();
      }
      ManifestReader.Opener opener = () -> reader.open(entry.get());
      try {
        ManifestReader.check(BagLayout.MANIFEST.value(), BagLayout.ALGORITHM, opener);
        return Optional.of(opener);
      } catch (IOException e) {
        out.add(FindingCode.MANIFEST_MALFORMED, BagLayout.MANIFEST.value(), e.getMessage());
        return Optional.empty();
      }
    }
  }
}
