package org.gapsync.format.bag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.golden.GoldenPackages;
import org.gapsync.format.receipt.ReceiptKind;
import org.gapsync.format.receipt.ReceiptWriter;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SignatureProfile;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.SyncPackageKind;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.format.testing.Tamper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A byte flipped anywhere on the medium is noticed: in every 512-byte block of a tar package,
 * of a receipt (headers, tag files, manifests, header or receipt document, signature, payload,
 * padding, end-of-archive blocks) and of an envelope, two bytes a block, one at a time, and
 * every byte of an envelope's head and end: none of the damaged copies verifies.
 */
class FlippedByteTest {
  private static final SigningKey SOURCE = Fixtures.key(Fixtures.SOURCE);
  private static final SigningKey TARGET = Fixtures.key(Fixtures.TARGET);
  private static final int[] IN_BLOCK = {7, 300};

  @TempDir
  Path dir;

  /** Returns the offsets to flip: two in every block of {@code file}. */
  private static List<Long> offsets(Path file) throws IOException {
    List<Long> out = new ArrayList<>();
    for (long block = 0; block * 512 < Files.size(file); block++) {
      for (int i : IN_BLOCK) {
        if (block * 512 + i < Files.size(file)) {
          out.add(block * 512 + i);
        }
      }
    }
    return out;
  }

  /** Returns the offsets at which the copy with that byte flipped still verified. */
  private List<Long> unnoticed(Path original, Check check) throws Exception {
    return unnoticed(original, offsets(original), check);
  }

  /** Returns those of {@code offsets} at which the copy with that byte flipped verified. */
  private List<Long> unnoticed(Path original, List<Long> offsets, Check check)
      throws Exception {
    List<Long> missed = new ArrayList<>();
    for (long at : offsets) {
      Path copy = dir.resolve("flipped-" + at + "-" + original.getFileName());
      Files.copy(original, copy);
      Tamper.flipByte(copy, (int) at);
      if (check.isValid(copy)) {
        missed.add(at);
      }
      Files.delete(copy);
    }
    return missed;
  }

  @FunctionalInterface
  private interface Check {
    boolean isValid(Path file) throws Exception;
  }

  private static boolean verifies(Path file, HeaderKind<?> kind, SigningKey signer, String id)
      throws IOException {
    return new BagVerifier(Fixtures.trusting(id, signer), 1).verify(file, kind).isValid();
  }

  @Test
  void everyBlockOfATarPackage() throws Exception {
    Path tar = Fixtures.writePackage(SOURCE, ContainerFormat.TAR,
        Files.createDirectory(dir.resolve("medium"))).path();
    assertTrue(verifies(tar, SyncPackageKind.INSTANCE, SOURCE, Fixtures.SOURCE));

    assertEquals(List.of(), unnoticed(tar, f -> verifies(f, SyncPackageKind.INSTANCE, SOURCE,
        Fixtures.SOURCE)));
  }

  @Test
  void everyBlockOfAReceipt() throws Exception {
    Path receipt = receipt();
    assertTrue(verifies(receipt, ReceiptKind.INSTANCE, TARGET, Fixtures.TARGET));

    assertEquals(List.of(), unnoticed(receipt, f -> verifies(f, ReceiptKind.INSTANCE, TARGET,
        Fixtures.TARGET)));
  }

  /**
   * An envelope has no integrity of its own (CBC), but it has one recipient and every byte of
   * it is either used to decrypt (and so changes what the signature sees) or checked for the
   * value the writer writes: in every block, and in each byte of its head and its end, a flip
   * is refused or gives bytes that do not verify.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(SignatureProfile.class)
  void everyBlockOfAnEnvelopeAndEachByteOfItsHeadAndEnd(SignatureProfile profile)
      throws Exception {
    SigningKey recipient = profile == SOURCE.profile() ? SOURCE : SigningKey.generate(
        Fixtures.SOURCE, profile, Fixtures.CLOCK, java.time.Duration.ofDays(1));
    Path plain = receipt();
    Path sealed = dir.resolve("receipt.tar.p7m");
    try (OutputStream out = EnvelopeWriter.to(recipient.certificate())
        .wrap(Files.newOutputStream(sealed))) {
      Files.copy(plain, out);
    }
    List<Long> offsets = new ArrayList<>(offsets(sealed));
    long size = Files.size(sealed);
    for (long at = 0; at < size; at++) {
      if ((at < 512 || at >= size - 64) && !offsets.contains(at)) {
        offsets.add(at);
      }
    }

    assertEquals(List.of(), unnoticed(sealed, offsets, f -> {
      Path opened = dir.resolve("opened-" + f.getFileName() + ".tar");
      try {
        EnvelopeReader.decrypt(f, recipient, opened);
        return verifies(opened, ReceiptKind.INSTANCE, TARGET, Fixtures.TARGET);
      } catch (PackageFormatException e) {
        return false;
      } finally {
        Files.deleteIfExists(opened);
      }
    }));
  }

  private Path receipt() throws IOException {
    return new ReceiptWriter(new PackageSigner(TARGET, Fixtures.CLOCK), ContainerFormat.TAR,
        new ContainerWriter.Options(false, Fixtures.NOW)).write(GoldenPackages.receipt(
            Fixtures.spec(1)), Map.of(), Files.createDirectories(dir.resolve("receipts")));
  }
}
