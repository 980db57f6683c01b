package org.gapsync.platform.home;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.gapsync.format.PackageId;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.KeySuccession;
import org.gapsync.format.signature.SignatureProfile;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.platform.ledger.LedgerLocation;

/**
 * A platform's home folder: {@code platform.properties} (its kind, id and organisation),
 * {@code signing.p12} (its key), {@code certificate.pem}, {@code trust/} (certificates it
 * trusts, by platform id) and {@code ledger/} (the H2 ledger). After a key rotation,
 * {@code succession.pem} holds the announcements that lead from the first key to the current
 * one, and {@code retired/} the earlier keys, kept to open what was encrypted to them.
 *
 * <pre>{@code
 * PlatformHome home = PlatformHome.at(Path.of("source-home"), PlatformKind.SOURCE);
 * SigningKey key = home.key(passphrase);
 * }</pre>
 */
public final class PlatformHome {
  /** The setting of a shared ledger's JDBC URL; a home without it keeps its ledger embedded. */
  public static final String LEDGER_URL = "ledger.url";
  /** The setting of the file that holds the shared ledger's password, if one does. */
  public static final String LEDGER_PASSWORD_FILE = "ledger.password-file";
  private static final String CONFIG = "platform.properties";
  private static final String KEY = "signing.p12";
  private static final String CERTIFICATE = "certificate.pem";
  private static final String SUCCESSION = "succession.pem";
  private static final String RETIRED = "retired";
  private static final Duration VALIDITY = Duration.ofDays(3650);
  private final Path root;
  private final PlatformKind kind;

  private PlatformHome(Path root, PlatformKind kind) {
    this.root = root;
    this.kind = kind;
  }

  /** Returns the home of a {@code kind} platform at {@code root}, which may not exist yet. */
  public static PlatformHome at(Path root, PlatformKind kind) {
    return new PlatformHome(root.toAbsolutePath().normalize(), Objects.requireNonNull(kind));
  }

  /** Returns the kind of platform this home belongs to. */
  public PlatformKind kind() {
    return kind;
  }

  /** Returns the home folder. */
  public Path root() {
    return root;
  }

  /** Returns the folder of the embedded ledger database. */
  public Path ledgerFolder() {
    return root.resolve("ledger");
  }

  /**
   * Returns where the ledger is: on the PostgreSQL server that {@code init --ledger} or
   * {@code ledger migrate} named, or else embedded in {@link #ledgerFolder()}.
   */
  public LedgerLocation ledger() throws IOException {
    Properties p = config();
    String url = p.getProperty(LEDGER_URL);
    if (url == null) {
      return LedgerLocation.embedded(ledgerFolder());
    }
    return LedgerLocation.server(url, Optional.ofNullable(p.getProperty(LEDGER_PASSWORD_FILE))
        .map(Path::of));
  }

  /**
   * Points the home at the ledger on {@code server} from now on, replacing the configuration
   * whole (written beside it, then moved over it), so that a crash leaves the old or the new.
   */
  public void moveLedger(LedgerLocation.Server server) throws IOException {
    Properties p = config();
    p.setProperty(LEDGER_URL, server.url());
    p.remove(LEDGER_PASSWORD_FILE);
    server.passwordFile().ifPresent(f -> p.setProperty(LEDGER_PASSWORD_FILE,
        f.toAbsolutePath().toString()));
    Path next = root.resolve(CONFIG + ".next");
    try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
      p.store(out, "gapsync " + kind.command());
    }
    Files.move(next, root.resolve(CONFIG), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Returns the folder of trusted certificates. */
  public Path trustFolder() {
    return root.resolve("trust");
  }

  /**
   * Returns the folder where encrypted packages are decrypted while they are read; each is
   * removed when its reading ends.
   */
  public Path scratchFolder() {
    return root.resolve("scratch");
  }

  /**
   * Returns the folder where a command writes the full list of what it found wrong when the
   * list is longer than a screen.
   */
  public Path reportsFolder() {
    return root.resolve("reports");
  }

  /** Returns whether {@code init} has made this home. */
  public boolean isInitialized() {
    return Files.isRegularFile(root.resolve(CONFIG));
  }

  /**
   * Returns whether this is an initialised home of this platform's kind, so that its ledger may
   * be opened: the ledger of the other platform's home is never touched.
   */
  public boolean isOwnKind() {
    try {
      config();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Makes the home: folders, a signing key of {@code profile} with its certificate, and the
   * configuration with {@code settings} beside the id, organisation and crypto profile.
   *
   * @throws IOException if a home already exists there, or it cannot be written
   */
  public void init(String id, String organisation, Map<String, String> settings,
      char[] passphrase, SignatureProfile profile, Clock clock) throws IOException {
    PackageId.of(id);
    if (isInitialized()) {
      throw new java.nio.file.FileAlreadyExistsException(root.toString(), null,
          "already a platform home; choose another --home or keep using this one");
    }
    // The home holds the key and the ledger: its owner's alone.
    FileTrees.createPrivateFolder(root);
    Files.createDirectories(trustFolder());
    if (!settings.containsKey(LEDGER_URL)) {
      Files.createDirectories(ledgerFolder());
    }
    SigningKey key = SigningKey.generate(id, organisation, profile, clock, VALIDITY);
    key.store(root.resolve(KEY), passphrase);
    Certificates.writePem(key.certificate(), root.resolve(CERTIFICATE));
    Properties p = new Properties();
    p.putAll(settings);
    p.setProperty("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    p.setProperty("id", id);
    p.setProperty("organisation", organisation);
    p.setProperty("crypto", profile.crypto());
    try (Writer out = Files.newBufferedWriter(root.resolve(CONFIG), StandardCharsets.UTF_8)) {
      p.store(out, "gapsync " + kind.command());
    }
  }

  /** Returns this platform's id. */
  public String id() throws IOException {
    return config().getProperty("id");
  }

  /** Returns a setting that {@code init} stored, if it did. */
  public Optional<String> setting(String name) throws IOException {
    return Optional.ofNullable(config().getProperty(name));
  }

  /** Returns this platform's signing key, with the succession that leads to it. */
  public SigningKey key(char[] passphrase) throws IOException {
    SigningKey key = SigningKey.load(root.resolve(KEY), passphrase);
    Path succession = root.resolve(SUCCESSION);
    return Files.isRegularFile(succession) ? key.withSuccession(KeySuccession.parse(
        succession.toString(), Files.readAllBytes(succession))) : key;
  }

  /**
   * Returns every key that opens what peers encrypted to this platform: the current key first
   * (the one that signs), then the retired ones, newest first.
   */
  public List<SigningKey> decryptionKeys(char[] passphrase) throws IOException {
    List<SigningKey> keys = new ArrayList<>(List.of(key(passphrase)));
    keys.addAll(retiredKeys(passphrase));
    return List.copyOf(keys);
  }

  /**
   * Returns the keys this platform used before its current one, newest first: they no longer
   * sign, but still open what peers encrypted to them before they learned of the rotation.
   */
  public List<SigningKey> retiredKeys(char[] passphrase) throws IOException {
    List<SigningKey> keys = new ArrayList<>();
    for (Path file : retiredKeyFiles()) {
      keys.add(SigningKey.load(file, passphrase));
    }
    keys.sort(Comparator.comparing((SigningKey k) -> k.certificate().getNotBefore())
        .reversed());
    return keys;
  }

  /**
   * Replaces the signing key with a new one of the same profile, announced by the current key:
   * the announcement joins {@code succession.pem} (written first, so that an interruption leaves
   * at worst an announcement of a key never used), the current key moves to {@code retired/}.
   *
   * @return the announcement
   */
  public KeySuccession.Announcement rotate(char[] passphrase, Clock clock) throws IOException {
    SigningKey current = key(passphrase);
    SigningKey next = SigningKey.generate(id(), setting("organisation").orElse(""),
        current.profile(), clock, VALIDITY);
    KeySuccession.Announcement announcement = KeySuccession.announce(current,
        next.certificate(), clock);
    Path retired = root.resolve(RETIRED);
    FileTrees.createPrivateFolder(retired);
    String name = Certificates.fingerprint(current.certificate()).substring(0, 32);
    current.store(retired.resolve(name + ".p12"), passphrase);
    Certificates.writePem(current.certificate(), retired.resolve(name + ".pem"));
    FileTrees.replace(root.resolve(SUCCESSION), current.succession().then(announcement).toPem());
    next.store(root.resolve(KEY), passphrase);
    FileTrees.replace(root.resolve(CERTIFICATE), Certificates.toPem(next.certificate())
        .getBytes(StandardCharsets.US_ASCII));
    return announcement;
  }

  /**
   * Returns the key files (the signing key and the retired ones) that users other than their
   * owner may read or write: each should be {@code 0600}.
   */
  public List<Path> exposedKeys() throws IOException {
    List<Path> exposed = new ArrayList<>();
    List<Path> keys = new ArrayList<>(List.of(root.resolve(KEY)));
    keys.addAll(retiredKeyFiles());
    for (Path key : keys) {
      if (Files.isRegularFile(key) && FileTrees.isExposed(key)) {
        exposed.add(key);
      }
    }
    return exposed;
  }

  /** Returns the key files in {@code retired/}, if it exists. */
  private List<Path> retiredKeyFiles() throws IOException {
    Path folder = root.resolve(RETIRED);
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(folder)) {
      try (var found = Files.newDirectoryStream(folder, "*.p12")) {
        found.forEach(files::add);
      }
    }
    return files;
  }

  /** Returns this platform's certificate, which others trust to verify its signatures. */
  public X509Certificate certificate() throws IOException {
    config();
    return Certificates.readPem(root.resolve(CERTIFICATE));
  }

  /**
   * Returns the hash function of this platform's crypto profile, SHA-256 or SM3, as {@code init}
   * recorded the profile (a home made before profiles were recorded is international). Read
   * from the configuration rather than the certificate, so that a command which needs no key
   * does not pay for loading a crypto provider.
   */
  public String digestName() throws IOException {
    return setting("crypto").map(SignatureProfile::ofCrypto)
        .orElse(SignatureProfile.ECDSA_P256_SHA256).digestName();
  }

  /** Returns the certificates this platform trusts, by platform id. */
  public TrustStore trust() throws IOException {
    return TrustStore.readFolder(trustFolder());
  }

  private Properties config() throws IOException {
    if (!isInitialized()) {
      throw new java.nio.file.NoSuchFileException(root.toString(), null,
          "not a " + kind.command() + " home; run '" + kind.command()
              + " init --id ID' first");
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(root.resolve(CONFIG), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    String found = p.getProperty("kind", "source");
    if (!found.equals(kind.name().toLowerCase(java.util.Locale.ROOT))) {
      throw new java.nio.file.NoSuchFileException(root.toString(), null, "the home of a "
          + found + " platform, not of a " + kind.command().replace('-', ' ') + "; run '"
          + found + "-platform' on it, or give " + kind.command() + " its own --home; "
          + "nothing was changed");
    }
    return p;
  }
}
