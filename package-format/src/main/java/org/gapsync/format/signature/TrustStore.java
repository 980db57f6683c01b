package org.gapsync.format.signature;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gapsync.format.PackageId;

/**
 * The certificates a platform trusts, each under the id of the platform it belongs to. A signer
 * is trusted when its certificate is exactly one of these (pinning, no chains): platforms on
 * isolated networks exchange certificates on media, not through a public key infrastructure.
 *
 * @param certificates the trusted certificates by platform id
 */
public record TrustStore(Map<String, X509Certificate> certificates) {
  /** Copies the map. */
  public TrustStore {
    certificates = Map.copyOf(certificates);
  }

  /** Returns an empty trust store. */
  public static TrustStore empty() {
    return new TrustStore(Map.of());
  }

  /** Returns a trust store that also trusts {@code certificate} as {@code id}. */
  public TrustStore with(String id, X509Certificate certificate) {
    Map<String, X509Certificate> copy = new TreeMap<>(certificates);
    copy.put(id, certificate);
    return new TrustStore(copy);
  }

  /** Returns the id under which {@code certificate} is trusted, if it is. */
  public Optional<String> idOf(X509Certificate certificate) {
    return certificates.entrySet().stream()
        .filter(e -> e.getValue().equals(certificate))
        .map(Map.Entry::getKey)
        .sorted()
        .findFirst();
  }

  /** Reads every {@code ID.pem} in {@code folder}; a missing folder is an empty trust store. */
  public static TrustStore readFolder(Path folder) throws IOException {
    TrustStore store = empty();
    if (!Files.isDirectory(folder)) {
      return store;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.pem")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        store = store.with(name.substring(0, name.length() - ".pem".length()),
            Certificates.readPem(file));
      }
    }
    return store;
  }

  /** Writes {@code certificate} into {@code folder} as {@code ID.pem}. */
  public static void writeTo(Path folder, String id, X509Certificate certificate)
      throws IOException {
    PackageId.of(id);
    Files.createDirectories(folder);
    Certificates.writePem(certificate, folder.resolve(id + ".pem"));
  }
}
