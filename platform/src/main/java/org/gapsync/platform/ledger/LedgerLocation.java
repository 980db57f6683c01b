package org.gapsync.platform.ledger;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gapsync.platform.UsageException;

/**
 * Where a platform's ledger lives: embedded in its home (H2, one command at a time, the
 * default), or on a PostgreSQL server that several workstations share.
 *
 * <pre>{@code
 * LedgerLocation shared = LedgerLocation.server("jdbc:postgresql://db.archive.lan/gapsync",
 *     Optional.of(Path.of("/etc/gapsync/ledger.password")));
 * }</pre>
 */
public sealed interface LedgerLocation {
  /** Returns how the location is said to people: the folder, or the URL. */
  String describe();

  /** The embedded H2 ledger in a home's {@code ledger/} folder. */
  record Embedded(Path folder) implements LedgerLocation {
    /** Checks the folder. */
    public Embedded {
      Objects.requireNonNull(folder, "folder");
    }

    @Override
    public String describe() {
      return folder.toString();
    }
  }

  /**
   * A ledger on a PostgreSQL server. The URL names no password: the password comes from
   * {@code passwordFile}, or else the {@code PGPASSWORD} environment variable, or else the
   * PostgreSQL password file ({@code ~/.pgpass}, or the one {@code PGPASSFILE} names), as for
   * every PostgreSQL client. The user is the URL's {@code user} parameter, or else
   * {@code PGUSER}, or else the operating-system user.
   *
   * @param url a {@code jdbc:postgresql://HOST[:PORT]/DATABASE} URL, with TLS parameters
   *     ({@code sslmode}, {@code sslrootcert}) where the server asks for them
   * @param passwordFile a file holding the password on its first line, readable by its owner
   *     alone
   */
  record Server(String url, Optional<Path> passwordFile) implements LedgerLocation {
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://[^/?#]+/[^/?#]+"
        + "(\\?.*)?");
    private static final Pattern PASSWORD = Pattern.compile("(^|[?&])password=",
        Pattern.CASE_INSENSITIVE);

    /** Checks the URL. */
    public Server {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(passwordFile, "passwordFile");
    }

    @Override
    public String describe() {
      return url;
    }
  }

  /** Returns the embedded ledger in {@code folder}. */
  static LedgerLocation embedded(Path folder) {
    return new Embedded(folder);
  }

  /**
   * Returns the ledger on the PostgreSQL server at {@code url}.
   *
   * @throws UsageException if {@code url} is not a PostgreSQL URL naming host and database,
   *     or carries a password, which would then stand in shell histories and process lists
   */
  static LedgerLocation server(String url, Optional<Path> passwordFile) {
    if (!Server.URL.matcher(url).matches()) {
      throw new UsageException("--ledger " + url + ": give a PostgreSQL URL such as "
          + "jdbc:postgresql://db.archive.lan:5432/gapsync (the embedded ledger needs none)");
    }
    if (Server.PASSWORD.matcher(url.substring(Math.max(0, url.indexOf('?')))).find()) {
      throw new UsageException("--ledger: the URL carries a password, which would stand in "
          + "shell histories and process lists; give it in ~/.pgpass, PGPASSWORD or "
          + "--ledger-password-file instead");
    }
    return new Server(url, passwordFile);
  }
}
