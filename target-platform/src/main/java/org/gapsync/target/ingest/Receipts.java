package org.gapsync.target.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.bag.PayloadSource;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.receipt.DamageReport;
import org.gapsync.format.receipt.DamageReportKind;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptVerifier;
import org.gapsync.format.receipt.GapNotice;
import org.gapsync.format.receipt.GapNoticeKind;
import org.gapsync.format.receipt.ReceiptWriter;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageHeader;

/**
 * Writes receipts and damage reports: first into the home's receipt store (so that a duplicate
 * import can write the same receipt again), then onto the medium, encrypted to the source when
 * the package came encrypted (a damage report whenever the source's certificate allows), where
 * each is read back and verified.
 */
final class Receipts {
  private final PackageSigner signer;
  private final String targetId;
  private final Path store;

  Receipts(PackageSigner signer, String targetId, Path store) {
    this.signer = signer;
    this.targetId = targetId;
    this.store = store;
  }

  /**
   * Writes {@code receipt} into the store, replacing any stale copy, with the import report of
   * {@code outcomes} as its payload, and returns its path. The report is written to a file
   * beside it first, a line at a time, and removed once the receipt holds it.
   */
  Path store(Receipt receipt, ContainerFormat format, List<ImportOutcome> outcomes)
      throws IOException {
    Files.createDirectories(store);
    Path stale = store.resolve(receipt.receiptId().value() + format.extension());
    FileTrees.delete(stale);
    Path report = store.resolve("." + receipt.receiptId().value() + ".report.partial");
    try {
      try (Writer out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
        ImportReport.text(outcomes, out);
      }
      return new ReceiptWriter(signer, format, ContainerWriter.Options.DEFAULT).write(receipt,
          Map.of("report.txt", PayloadSource.ofFile(report)), store);
    } finally {
      Files.deleteIfExists(report);
    }
  }

  /** Writes the damage report {@code report} into the store as a tar, and returns its path. */
  Path store(DamageReport report, String text) throws IOException {
    Files.createDirectories(store);
    return new ReceiptWriter(signer, ContainerFormat.TAR, ContainerWriter.Options.DEFAULT)
        .write(report, Map.of("report.txt", PayloadSource.ofBytes(text.getBytes(
            StandardCharsets.UTF_8))), store);
  }

  /**
   * Writes the gap notice {@code notice} into the store as a tar, with what it says in words
   * as its payload, and returns its path.
   */
  Path store(GapNotice notice) throws IOException {
    Files.createDirectories(store);
    String text = notice.targetPlatform() + " waits for sequence " + notice.missing().stream()
        .map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + " from "
        + notice.sourcePlatform() + " (last applied: " + notice.lastSequence() + "); it holds "
        + notice.held().stream().map(h -> h.packageId().value()).collect(
            java.util.stream.Collectors.joining(", ")) + " until they come\n";
    return new ReceiptWriter(signer, ContainerFormat.TAR, ContainerWriter.Options.DEFAULT)
        .write(notice, Map.of("notice.txt", PayloadSource.ofBytes(text.getBytes(
            StandardCharsets.UTF_8))), store);
  }

  /**
   * Returns the receipt kept in the store for the package (or volume) {@code p}, settled
   * before: what an import of it again, or a second declaration of it lost, writes again.
   *
   * @throws IOException when the ledger names no receipt for it, or the store has lost it
   */
  Path storedOf(org.gapsync.target.ledger.ReceivedPackage p) throws IOException {
    PackageId receiptId = p.receiptId().orElseThrow(() -> new IOException("package "
        + p.packageId() + " was settled without a receipt; the ledger is inconsistent"));
    return stored(receiptId).orElseThrow(() -> new java.nio.file.NoSuchFileException(
        store.resolve(receiptId.value()).toString(), null, "the receipt of package "
        + p.packageId() + " is missing from the home's receipt store; restore it from a "
        + "backup of the home"));
  }

  /** Returns the stored copy of a receipt, if there is one. */
  Optional<Path> stored(PackageId receiptId) {
    for (ContainerFormat f : ContainerFormat.values()) {
      Path p = store.resolve(receiptId.value() + f.extension());
      if (Files.exists(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Copies a stored receipt into {@code directory}, under a temporary name until it is whole,
   * encrypted to {@code sealTo} if given, then reads it back from there and verifies it
   * (decrypting into {@code scratch} with a key kept in memory).
   *
   * @throws PackageFormatException if the copy on the medium does not verify
   */
  Path deliver(Path stored, Path directory, Optional<X509Certificate> sealTo, Path scratch)
      throws IOException {
    Files.createDirectories(directory);
    // A folder receipt (answering a folder package) cannot pass through the cipher as a stream.
    Optional<EnvelopeWriter> envelope = sealTo.filter(c -> Files.isRegularFile(stored))
        .map(EnvelopeWriter::to);
    String name = stored.getFileName() + envelope.map(EnvelopeWriter::extension).orElse("");
    Path target = directory.resolve(name);
    Path partial = directory.resolve("." + name + ".partial");
    FileTrees.delete(partial);
    if (envelope.isPresent()) {
      try (OutputStream out = envelope.get().wrap(Files.newOutputStream(partial,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
        Files.copy(stored, out);
      }
    } else {
      FileTrees.copy(stored, partial);
    }
    FileTrees.delete(target);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    if (envelope.isEmpty()) {
      verifyReadBack(target, target);
      return target;
    }
    Files.createDirectories(scratch);
    Path plain = scratch.resolve(stored.getFileName());
    FileTrees.delete(plain);
    try {
      try {
        envelope.get().readBack(target, plain);
      } catch (PackageFormatException e) {
        throw new PackageFormatException(target + ": the encrypted receipt written to the "
            + "medium is refused when read back: " + e.getMessage() + "; check the medium and "
            + "import again to write it anew", e);
      }
      verifyReadBack(plain, target);
    } finally {
      FileTrees.delete(plain);
    }
    return target;
  }

  private void verifyReadBack(Path plain, Path target) throws IOException {
    X509Certificate mine = signer.certificate();
    ReceiptVerifier verifier = new ReceiptVerifier(TrustStore.empty().with(targetId, mine));
    Verification<?> v = DamageReportKind.INSTANCE.isHeldBy(plain)
        ? verifier.verifyDamageReport(plain) : GapNoticeKind.INSTANCE.isHeldBy(plain)
        ? verifier.verifyGapNotice(plain) : verifier.verify(plain);
    if (!v.isValid()) {
      throw new PackageFormatException(target + ": the receipt written to the medium does not "
          + "verify when read back (" + v.report().findings().get(0) + "); check the medium "
          + "and import again to write it anew");
    }
  }

  /**
   * Returns a builder of the receipt that answers the package {@code header} describes, or the
   * one volume of a set it is.
   */
  static Receipt.Builder answering(PackageHeader header) {
    return header.volume().map(v -> Receipt.answering(header.packageId(),
        header.sourcePlatform(), header.sequence(), v)).orElseGet(() -> Receipt.answering(
            header.packageId(), header.sourcePlatform(), header.sequence()));
  }
}
