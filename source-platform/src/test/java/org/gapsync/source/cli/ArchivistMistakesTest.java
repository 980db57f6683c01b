package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archivist's mistakes lead to their fix: a refused {@code destination add} saves
 * nothing, and {@code destination remove} takes one away, refusing while its packages wait for
 * receipts unless forced, and keeping the ledger's evidence whole; a file changed since the
 * scan is named, with the scan to run.
 */
class ArchivistMistakesTest {
  private static final SigningKey TARGET = Fixtures.key("reading-room");

  @TempDir
  Path dir;
  private Path cert;

  @BeforeEach
  void setUp() throws Exception {
    cert = SourceCli.homeWithDestination(dir, "reading-room", "reading-room.xml", TARGET);
  }

  private SourceCli.Run run(String... args) {
    return SourceCli.run(dir, args);
  }

  private SourceCli.Run ok(String... args) {
    SourceCli.Run r = run(args);
    assertEquals(0, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
    return r;
  }

  @Test
  void anInvalidIdIsRefusedWithTheRuleAndNothingIsSaved() {
    SourceCli.Run r = run("destination", "add", "--id", "Reading Room", "--template",
        SourceCli.EXAMPLES.resolve("reading-room.xml").toString(), "--cert", cert.toString());

    assertEquals(ExitCodes.USAGE, r.code(), r.out());
    assertTrue(r.err().contains("--id Reading Room: not a platform id; an id is letters, "
        + "digits"), r.err());
    assertFalse(ok("destination", "list").out().contains("Reading Room"));
    assertFalse(Files.exists(dir.resolve("home/trust/Reading Room.pem")));
    assertTrue(ok("destination", "add", "--help").out().replaceAll("\\s+", " ")
        .contains("at most 128, starting with a letter or digit"));
  }

  @Test
  void aDestinationWithoutPackagesIsRemovedAndItsQueueWithIt() {
    SourceCli.Run r = ok("destination", "remove", "--id", "reading-room");

    assertTrue(r.out().matches("(?s)removed destination reading-room: \\d+ record versions? no "
        + "longer queued for it; its packages and events stay.*"), r.out());
    assertFalse(ok("destination", "list").out().contains("reading-room"));
    assertFalse(ok("queue").out().contains("reading-room"), "nothing queued for it");
    ok("ledger", "verify");
    assertEquals(ExitCodes.USAGE, run("destination", "remove", "--id", "reading-room").code(),
        "a second removal finds no such destination");
  }

  @Test
  void unansweredPackagesKeepItUnlessForcedAndAddingItAgainContinuesItsSequence()
      throws Exception {
    PackageHeader sent = SourceCli.build(dir, "reading-room");

    SourceCli.Run refused = run("destination", "remove", "--id", "reading-room");
    assertEquals(ExitCodes.USAGE, refused.code(), refused.out());
    assertTrue(refused.err().contains("was sent 1 package that no receipt has answered ("
        + sent.packageId() + "): ingest their receipts first, or give --force"),
        refused.err());
    assertTrue(ok("destination", "list").out().contains("reading-room"));

    SourceCli.Run forced = ok("destination", "remove", "--id", "reading-room", "--force");
    assertTrue(forced.out().contains("1 package without a receipt will confirm nothing"),
        forced.out());
    ok("ledger", "verify");

    ok("destination", "add", "--id", "reading-room", "--template",
        SourceCli.EXAMPLES.resolve("reading-room.xml").toString(), "--cert", cert.toString());
    String list = ok("destination", "list").out();
    assertTrue(list.matches("(?s).*reading-room .* 2  " + sent.packageId() + "( .*)?\n.*"),
        list);
    ok("ledger", "verify");
  }

  @Test
  void aFileChangedOrRemovedSinceTheScanIsNamedWithTheFix() throws Exception {
    Path record = dir.resolve("holdings/F001/2005/F001-2005-0001");
    Files.writeString(record.resolve("summary.txt"), "edited after the scan",
        java.nio.file.StandardOpenOption.APPEND);
    Path medium = Files.createDirectories(dir.resolve("usb"));

    SourceCli.Run changed = run("package", "build", "--destination", "reading-room", "--to",
        medium.toString());
    Files.delete(record.resolve("summary.txt"));
    SourceCli.Run removed = run("package", "build", "--destination", "reading-room", "--to",
        medium.toString());

    for (SourceCli.Run r : java.util.List.of(changed, removed)) {
      assertEquals(ExitCodes.IO, r.code(), r.out());
      assertTrue(r.err().equals("error: " + record.resolve("summary.txt") + " changed since "
          + "the last scan; run 'holdings scan' first, then build again (nothing was written "
          + "under the package's name, no record was marked exported)\n"), r.err());
    }
    try (var left = Files.list(medium)) {
      assertEquals(0, left.count(), "nothing on the medium");
    }
    ok("holdings", "scan", dir.resolve("holdings").toString());
    ok("package", "build", "--destination", "reading-room", "--to", medium.toString());
  }

  @Test
  void aPackageGivenToReceiptIngestIsNamedAndSentWhereItBelongs() throws Exception {
    SourceCli.build(dir, "reading-room");
    Path written;
    try (var files = Files.list(dir.resolve("media"))) {
      written = files.findFirst().orElseThrow();
    }

    SourceCli.Run r = run("receipt", "ingest", written.toString());

    assertEquals(ExitCodes.USAGE, r.code(), r.out());
    assertTrue(r.err().equals("error: " + written + " is a sync package, not a receipt: take "
        + "it to its target and import it there with 'package import'; the receipt that comes "
        + "back is what 'receipt ingest' takes; nothing was changed\n"), r.err());
  }
}
