package org.gapsync.platform.console;

import java.net.InetAddress;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a console listens and how people sign in: on a loopback address without TLS, with the
 * one-time link; on any other address only with TLS, with console passwords.
 *
 * @param address the address it listens on
 * @param port the port, or 0 for any free one
 * @param tls the server's key and certificate, if it speaks TLS
 */
public record ConsoleSettings(InetAddress address, int port, Optional<Tls> tls) {
  /**
   * The key and certificate a console serves TLS with.
   *
   * @param keyStore a PKCS#12 key store holding one key and its certificate chain
   * @param password the key store's password
   * @param source where it was read from, for messages
   */
  public record Tls(KeyStore keyStore, char[] password, String source) {
    /** Checks the parts. */
    public Tls {
      Objects.requireNonNull(keyStore, "keyStore");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(source, "source");
    }
  }

  /** Checks the parts: beyond loopback, TLS. */
  public ConsoleSettings {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(tls, "tls");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port);
    }
    if (!address.isLoopbackAddress() && tls.isEmpty()) {
      throw new IllegalArgumentException("a console on " + address.getHostAddress()
          + " listens beyond this machine and needs TLS");
    }
  }

  /** Returns whether people sign in with a password rather than the one-time link. */
  public boolean signsInWithPasswords() {
    return tls.isPresent();
  }
}
