package org.gapsync.format.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gapsync.format.PackageId;
import org.gapsync.format.files.FileTrees;

/**
 * The certificates a platform trusts, each under the id of the platform it belongs to, and the
 * certificates it has revoked. A signer is trusted when its certificate is exactly one of these
 * (pinning, no chains): platforms on isolated networks exchange certificates on media, not
 * through a public key infrastructure.
 *
 * <p>A platform id may have several trusted certificates: its current one and the ones it used
 * before a key rotation, so that what they signed stays verifiable. A revoked certificate is
 * never trusted, whoever vouches for it.
 *
 * <p>On disk ({@link #readFolder}): {@code ID.pem} is the current certificate of platform ID,
 * {@code earlier/ID/*.pem} its earlier ones, {@code revoked/ID/*.pem} the revoked ones.
 */
public final class TrustStore {
  private static final String EARLIER = "earlier";
  private static final String REVOKED = "revoked";

  private final Map<String, List<X509Certificate>> trusted;
  private final Map<X509Certificate, String> revoked;

  private TrustStore(Map<String, List<X509Certificate>> trusted,
      Map<X509Certificate, String> revoked) {
    this.trusted = trusted;
    this.revoked = revoked;
  }

  /** Returns an empty trust store. */
  public static TrustStore empty() {
    return new TrustStore(Map.of(), Map.of());
  }

  /**
   * Returns a trust store that also trusts {@code certificate} as {@code id}, as its current
   * certificate; the ones trusted for {@code id} before stay trusted. A revoked certificate stays
   * revoked.
   */
  public TrustStore with(String id, X509Certificate certificate) {
    if (revoked.containsKey(certificate)) {
      return this;
    }
    Map<String, List<X509Certificate>> copy = new TreeMap<>(trusted);
    List<X509Certificate> certificates = new ArrayList<>();
    certificates.add(certificate);
    copy.getOrDefault(id, List.of()).stream().filter(c -> !c.equals(certificate))
        .forEach(certificates::add);
    copy.put(id, List.copyOf(certificates));
    return new TrustStore(copy, revoked);
  }

  /** Returns a trust store in which {@code certificate} of {@code id} is revoked. */
  public TrustStore revoking(String id, X509Certificate certificate) {
    Map<String, List<X509Certificate>> copy = new TreeMap<>(trusted);
    copy.computeIfPresent(id, (k, list) -> list.stream().filter(c -> !c.equals(certificate))
        .toList());
    copy.values().removeIf(List::isEmpty);
    Map<X509Certificate, String> gone = new LinkedHashMap<>(revoked);
    gone.put(certificate, id);
    return new TrustStore(copy, gone);
  }

  /** Returns the id under which {@code certificate} is trusted, if it is and is not revoked. */
  public Optional<String> idOf(X509Certificate certificate) {
    if (revoked.containsKey(certificate)) {
      return Optional.empty();
    }
    return trusted.entrySet().stream()
        .filter(e -> e.getValue().contains(certificate))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** Returns the id of the platform for which {@code certificate} was revoked, if it was. */
  public Optional<String> revokedFor(X509Certificate certificate) {
    return Optional.ofNullable(revoked.get(certificate));
  }

  /** Returns the current certificate of platform {@code id}, if one is trusted. */
  public Optional<X509Certificate> current(String id) {
    return trusted.getOrDefault(id, List.of()).stream().findFirst();
  }

  /** Returns every trusted certificate of platform {@code id}, the current one first. */
  public List<X509Certificate> certificates(String id) {
    return trusted.getOrDefault(id, List.of());
  }

  /** Returns the ids of the platforms with a trusted certificate, in order. */
  public Set<String> ids() {
    return Collections.unmodifiableSet(new TreeSet<>(trusted.keySet()));
  }

  /** Returns every revoked certificate with the id of the platform it was revoked for. */
  public Map<X509Certificate, String> revoked() {
    return Collections.unmodifiableMap(revoked);
  }

  /** Reads a trust folder; a missing folder is an empty trust store. */
  public static TrustStore readFolder(Path folder) throws IOException {
    TrustStore store = empty();
    if (!Files.isDirectory(folder)) {
      return store;
    }
    for (Map.Entry<String, List<Path>> e : byId(folder.resolve(EARLIER)).entrySet()) {
      for (Path file : e.getValue()) {
        store = store.with(e.getKey(), Certificates.readPem(file));
      }
    }
    for (Path file : pems(folder)) {
      store = store.with(idOf(file), Certificates.readPem(file));
    }
    for (Map.Entry<String, List<Path>> e : byId(folder.resolve(REVOKED)).entrySet()) {
      for (Path file : e.getValue()) {
        store = store.revoking(e.getKey(), Certificates.readPem(file));
      }
    }
    return store;
  }

  /**
   * Writes {@code certificate} into {@code folder} as the current certificate of {@code id}; the
   * one current before is kept among the earlier ones, still trusted.
   *
   * @throws IllegalArgumentException when {@code certificate} was revoked
   */
  public static void writeTo(Path folder, String id, X509Certificate certificate)
      throws IOException {
    PackageId.of(id);
    if (readFolder(folder).revokedFor(certificate).isPresent()) {
      throw new IllegalArgumentException("certificate revoked: " + certificate);
    }
    Files.createDirectories(folder);
    Path current = folder.resolve(id + ".pem");
    if (Files.isRegularFile(current)) {
      X509Certificate before = Certificates.readPem(current);
      if (before.equals(certificate)) {
        return;
      }
      writeAtomically(before, folder.resolve(EARLIER).resolve(id).resolve(fileName(before)));
    }
    writeAtomically(certificate, current);
    Files.deleteIfExists(folder.resolve(EARLIER).resolve(id).resolve(fileName(certificate)));
  }

  /**
   * Pins in {@code folder}, as its platform's current certificate, the signer of a valid
   * signature that only a key succession made trusted (its platform rotated its key).
   *
   * @return the announcement that introduced the signer, when it was pinned
   */
  public static Optional<KeySuccession.Announcement> adopt(Path folder, SignatureCheck check)
      throws IOException {
    Optional<KeySuccession.Announcement> introduced = check.introducedBy()
        .filter(a -> check.isValid());
    if (introduced.isPresent()) {
      writeTo(folder, check.trustedAs().orElseThrow(), check.signer().orElseThrow());
    }
    return introduced;
  }

  /**
   * Revokes {@code certificate} of platform {@code id} in {@code folder}: it is recorded as
   * revoked first, then no longer kept as trusted.
   *
   * @return whether it was trusted until now
   */
  public static boolean revokeIn(Path folder, String id, X509Certificate certificate)
      throws IOException {
    PackageId.of(id);
    boolean wasTrusted = readFolder(folder).certificates(id).contains(certificate);
    writeAtomically(certificate, folder.resolve(REVOKED).resolve(id)
        .resolve(fileName(certificate)));
    Path current = folder.resolve(id + ".pem");
    if (Files.isRegularFile(current) && Certificates.readPem(current).equals(certificate)) {
      Files.delete(current);
    }
    Files.deleteIfExists(folder.resolve(EARLIER).resolve(id).resolve(fileName(certificate)));
    return wasTrusted;
  }

  private static String fileName(X509Certificate certificate) {
    return Certificates.fingerprint(certificate).substring(0, 32) + ".pem";
  }

  private static void writeAtomically(X509Certificate certificate, Path file)
      throws IOException {
    Files.createDirectories(file.getParent());
    FileTrees.replace(file, Certificates.toPem(certificate).getBytes(
        StandardCharsets.US_ASCII));
  }

  private static Map<String, List<Path>> byId(Path folder) throws IOException {
    Map<String, List<Path>> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (DirectoryStream<Path> ids = Files.newDirectoryStream(folder, Files::isDirectory)) {
      for (Path id : ids) {
        files.put(id.getFileName().toString(), pems(id));
      }
    }
    return files;
  }

  private static List<Path> pems(Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, "*.pem")) {
      found.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  private static String idOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".pem".length());
  }
}
