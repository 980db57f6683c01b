package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The home and its keys are their owner's alone, and a key others can read is pointed out. */
class HomePermissionsTest {
  @TempDir
  Path dir;

  private Path home;

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
    home = dir.resolve("home");
    assertEquals(0, SourceCli.run(dir, "init", "--id", "archive-lan").code());
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void initMakesTheHomeAndItsKeyPrivate() throws Exception {
    assertEquals("rwx------", mode(home));
    assertEquals("rw-------", mode(home.resolve("signing.p12")));
  }

  @Test
  // The files of the embedded ledger.
  @Tag("embedded-ledger")
  void theLedgerFolderHoldsTheLedgerAndNoTraceOfItsFirstOpening() throws Exception {
    assertEquals(0, SourceCli.run(dir, "user", "list").code());

    try (var files = Files.list(home.resolve("ledger"))) {
      assertEquals(java.util.List.of("ledger.mv.db"), files.map(f -> f.getFileName().toString())
          .toList());
    }
  }

  @Test
  void aRotatedKeyStaysPrivateAndSoDoesTheRetiredOne() throws Exception {
    assertEquals(0, SourceCli.run(dir, "cert", "rotate").code());

    assertEquals("rw-------", mode(home.resolve("signing.p12")));
    try (var retired = Files.list(home.resolve("retired"))) {
      for (Path p : (Iterable<Path>) retired.filter(f -> f.toString().endsWith(".p12"))
          ::iterator) {
        assertEquals("rw-------", mode(p));
      }
    }
    assertEquals("rwx------", mode(home.resolve("retired")));
  }

  @Test
  void aKeyOthersCanReadIsNamedWithTheCommandThatFixesIt() throws Exception {
    Path key = home.resolve("signing.p12");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    SourceCli.Run r = SourceCli.run(dir, "user", "list");

    assertEquals(0, r.code(), r.err());
    assertEquals("warning: other users may read the signing key (" + key + "); run 'chmod 600 "
        + key + "'\n", r.err());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    assertFalse(SourceCli.run(dir, "user", "list").err().contains("warning"));
    assertTrue(SourceCli.run(dir, "user", "list").out().contains("admin"));
  }
}
