package org.gapsync.format.syncpackage;

import java.io.IOException;
import java.nio.file.Path;
import org.gapsync.format.Progress;
import org.gapsync.format.bag.BagVerifier;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.signature.TrustStore;

/**
 * Verifies a sync package in any container form: every check of {@link BagVerifier} plus the
 * header's agreement with the payload.
 *
 * <pre>{@code
 * Verification<PackageHeader> v = new SyncPackageVerifier(trust, 2).verify(path);
 * if (!v.isValid()) { v.report().findings().forEach(System.out::println); }
 * }</pre>
 */
public final class SyncPackageVerifier {
  private final BagVerifier verifier;

  /** Creates a verifier that trusts {@code trust} and hashes on up to {@code threads} threads. */
  public SyncPackageVerifier(TrustStore trust, int threads) {
    this.verifier = new BagVerifier(trust, threads);
  }

  /** Verifies the package at {@code path}; throws only when it cannot be checked at all. */
  public Verification<PackageHeader> verify(Path path) throws IOException {
    return verifier.verify(path, SyncPackageKind.INSTANCE);
  }

  /** Verifies the package at {@code path}, telling {@code progress} how far hashing has come. */
  public Verification<PackageHeader> verify(Path path, Progress progress) throws IOException {
    return verifier.verify(path, SyncPackageKind.INSTANCE, progress);
  }
}
