package org.gapsync.format.signature;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The Bouncy Castle provider, used by instance and never installed in the JVM's list. */
final class BouncyCastle {
  /** One provider for every use; it holds no state that a use changes. */
  static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
