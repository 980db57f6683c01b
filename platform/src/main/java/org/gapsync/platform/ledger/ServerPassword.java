package org.gapsync.platform.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.gapsync.format.files.FileTrees;

/**
 * The password of a ledger server's user, from where PostgreSQL's own clients take it and never
 * from the command line: the home's password file, or else {@code PGPASSWORD}. When neither
 * gives one, the driver reads the PostgreSQL password file ({@code ~/.pgpass}, or the one
 * {@code PGPASSFILE} names) itself.
 */
final class ServerPassword {
  private ServerPassword() {}

  /**
   * Returns the password for {@code server}, empty when the driver is to find it.
   *
   * @throws LedgerException if the password file cannot be read, or others than its owner may
   *     read it
   */
  static Optional<String> of(LedgerLocation.Server server) throws LedgerException {
    if (server.passwordFile().isPresent()) {
      return Optional.of(read(server.passwordFile().get()));
    }
    return Optional.ofNullable(System.getenv("PGPASSWORD")).filter(p -> !p.isEmpty());
  }

  private static String read(Path file) throws LedgerException {
    try {
      if (FileTrees.isExposed(file)) {
        throw new LedgerException(file + ": the ledger's password file may be read by others "
            + "than its owner; run 'chmod 600 " + file + "' and try again", null);
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst()
          .map(String::strip).filter(p -> !p.isEmpty()).orElseThrow(() -> new LedgerException(
              file + ": the ledger's password file is empty; write the password on its first "
                  + "line", null));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new LedgerException(file + ": the ledger's password file is missing; restore it, "
          + "or give the password in ~/.pgpass", e);
    } catch (LedgerException e) {
      throw e;
    } catch (IOException e) {
      throw new LedgerException(file + ": cannot read the ledger's password file: "
          + e.getMessage(), e);
    }
  }
}
