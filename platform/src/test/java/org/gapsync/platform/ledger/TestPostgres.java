package org.gapsync.platform.ledger;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, started once per test JVM from the binaries of
 * Debian's {@code postgresql} package (which {@code bin/lib/install-test-tools} installs), in a
 * temporary folder, on a free port of the loopback, and stopped when the JVM ends. PostgreSQL
 * refuses to run as root: run as root, the server runs as the {@code postgres} user the package
 * made. Each test asks for a database of its own; the server's user needs a password
 * (SCRAM), as a real one does, and the tests give it through a password file.
 *
 * <p>Durability is off (no fsync): the tests kill the clients, never this server.
 */
public final class TestPostgres {
  /** The property that runs the ledger tests on PostgreSQL: {@code -Dgapsync.test.ledger=postgresql}. */
  public static final String PROPERTY = "gapsync.test.ledger";
  private static final String USER = "gapsync_test";
  private static TestPostgres server;
  private final Path folder;
  private final int port;
  private final Path passwordFile;
  private final String password;
  private final Path certificate;
  private final AtomicInteger databases = new AtomicInteger();

  private TestPostgres(Path folder, int port, Path passwordFile, String password,
      Path certificate) {
    this.folder = folder;
    this.port = port;
    this.passwordFile = passwordFile;
    this.password = password;
    this.certificate = certificate;
  }

  /** Returns whether this run's ledger tests are to use PostgreSQL. */
  public static boolean isSelected() {
    return "postgresql".equals(System.getProperty(PROPERTY));
  }

  /** Returns the server, starting it on first use. */
  public static synchronized TestPostgres server() throws IOException {
    if (server == null) {
      server = start();
    }
    return server;
  }

  /**
   * Returns the location of a new, empty database, which the test's ledger migrates, with the
   * password in a file the test's user alone may read.
   */
  public LedgerLocation newLedger() throws IOException {
    return LedgerLocation.server(newDatabase() + "?user=" + USER, Optional.of(passwordFile));
  }

  /** Creates a new, empty database with code-point collation and returns its JDBC URL. */
  public String newDatabase() throws IOException {
    String name = "ledger_" + ProcessHandle.current().pid() + "_"
        + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' "
          + "LC_COLLATE 'C' LC_CTYPE 'C'");
    } catch (SQLException e) {
      throw new IOException("cannot create the test database " + name + ": " + e.getMessage(),
          e);
    }
    return url(name);
  }

  /** Returns the JDBC URL of {@code database} on this server. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Returns the server's user, which owns every test database. */
  public String user() {
    return USER;
  }

  /** Returns the password of {@link #user()}. */
  public String password() {
    return password;
  }

  /**
   * Returns the server's TLS certificate (self-signed, for 127.0.0.1), which a client names as
   * its root ({@code sslrootcert}) to connect with {@code sslmode=verify-full}.
   */
  public Path certificate() {
    return certificate;
  }

  /** Returns the file that holds the password, readable by its owner alone. */
  public Path passwordFile() {
    return passwordFile;
  }

  /** Stops the server, as a server that loses its power does. */
  private void stop() {
    try {
      run(List.of(bin().resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(),
          "-m", "immediate", "-w", "stop"), folder);
    } catch (IOException e) {
      System.err.println("could not stop the test PostgreSQL server: " + e.getMessage());
    }
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + folder + ": " + e.getMessage());
    }
  }

  private static TestPostgres start() throws IOException {
    Path bin = bin();
    Path folder = Files.createTempDirectory("gapsync-test-postgres-");
    boolean isRoot = "root".equals(System.getProperty("user.name"));
    String password = Long.toHexString(new java.security.SecureRandom().nextLong());
    Path serverPassword = folder.resolve("initdb-password");
    Files.writeString(serverPassword, password + "\n", StandardCharsets.UTF_8);
    if (isRoot) {
      UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName("postgres");
      Files.setOwner(folder, postgres);
      Files.setOwner(serverPassword, postgres);
    }
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    // TLS, as a server on another host should require: a certificate for the loopback address.
    Path key = folder.resolve("server.key");
    Path certificate = folder.resolve("server.crt");
    exec(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
        key.toString(), "-out", certificate.toString()), folder);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    if (isRoot) {
      UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName("postgres");
      Files.setOwner(key, postgres);
      Files.setOwner(certificate, postgres);
    }
    Path clientCertificate = Files.createTempFile("gapsync-test-postgres-", ".crt");
    Files.copy(certificate, clientCertificate, java.nio.file.StandardCopyOption
        .REPLACE_EXISTING);
    clientCertificate.toFile().deleteOnExit();
    run(List.of(bin.resolve("initdb").toString(), "-D", folder.resolve("data").toString(),
        "-U", USER, "--auth=scram-sha-256", "--pwfile=" + serverPassword, "-E", "UTF8",
        "--no-locale", "--no-sync"), folder);
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(),
        "-l", folder.resolve("server.log").toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
            + "-c ssl=on -c ssl_cert_file=" + certificate + " -c ssl_key_file=" + key,
        "start"), folder);
    Path clientPassword = Files.createTempFile("gapsync-test-postgres-", ".password",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(clientPassword, password + "\n", StandardCharsets.UTF_8);
    clientPassword.toFile().deleteOnExit();
    TestPostgres started = new TestPostgres(folder, port, clientPassword, password,
        clientCertificate);
    Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop test PostgreSQL"));
    return started;
  }

  /** Returns the folder of the newest PostgreSQL server binaries installed. */
  static Path bin() throws IOException {
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Optional<Path> newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
            .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString()
                .replaceAll("\\D", "0"))));
        if (newest.isPresent()) {
          return newest.get().resolve("bin");
        }
      }
    }
    throw new IOException("no PostgreSQL server to test the shared ledger with: run "
        + "bin/lib/install-test-tools (it installs Debian's postgresql package)");
  }

  /** Runs a server binary, as the postgres user when the tests run as root. */
  private static void run(List<String> command, Path folder) throws IOException {
    List<String> as = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      as.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    as.addAll(command);
    exec(as, folder);
  }

  /** Runs {@code command} in {@code folder}, failing with its output if it fails. */
  private static void exec(List<String> command, Path folder) throws IOException {
    List<String> as = command;
    Path log = Files.createTempFile("gapsync-test-postgres-", ".log");
    try {
      Process p = new ProcessBuilder(as).directory(folder.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in two minutes");
      }
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue()
            + "): " + Files.readString(log).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted starting the test PostgreSQL server", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
