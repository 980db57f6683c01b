package org.gapsync.format.receipt;

import java.io.IOException;
import java.nio.file.Path;
import org.gapsync.format.bag.BagVerifier;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.signature.TrustStore;

/**
 * Verifies a receipt, a damage report or a gap notice in any container form: every check of
 * {@link BagVerifier}, with the receipt (or damage report) document as header.
 *
 * <pre>{@code
 * Verification<Receipt> v = new ReceiptVerifier(trust).verify(path);
 * }</pre>
 */
public final class ReceiptVerifier {
  private final BagVerifier verifier;

  /** Creates a verifier that trusts {@code trust}. */
  public ReceiptVerifier(TrustStore trust) {
    this.verifier = new BagVerifier(trust, 1);
  }

  /** Verifies the receipt at {@code path}; throws only when it cannot be checked at all. */
  public Verification<Receipt> verify(Path path) throws IOException {
    return verifier.verify(path, ReceiptKind.INSTANCE);
  }

  /** Verifies the gap notice at {@code path}; throws only when it cannot be checked. */
  public Verification<GapNotice> verifyGapNotice(Path path) throws IOException {
    return verifier.verify(path, GapNoticeKind.INSTANCE);
  }

  /** Verifies the damage report at {@code path}; throws only when it cannot be checked. */
  public Verification<DamageReport> verifyDamageReport(Path path) throws IOException {
    return verifier.verify(path, DamageReportKind.INSTANCE);
  }
}
