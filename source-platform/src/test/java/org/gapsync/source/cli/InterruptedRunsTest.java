package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during the source's long commands: each stops at its next check point with exit 130
 * and one line saying what it left, the ledger holds what it held before, nothing is left on
 * the medium, the run is audited as interrupted, and the next run works without cleanup.
 * (Real signals to a real process: the system tests' InterruptIT.)
 */
class InterruptedRunsTest {
  private static final SigningKey TARGET = Fixtures.key("reading-room");

  @TempDir
  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    SourceCli.homeWithDestination(dir, "reading-room", "reading-room.xml", TARGET);
  }

  private SourceCli.Run ok(String... args) {
    SourceCli.Run r = SourceCli.run(dir, args);
    assertEquals(0, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
    return r;
  }

  @Test
  void interruptedScanRecordsNothingAndTheNextScanFindsTheChange() throws Exception {
    Path record = dir.resolve("holdings/F001/1998/F001-1998-0001/metadata.xml");
    Files.writeString(record, Files.readString(record).replace("</title>", " (rev.)</title>"));
    String queue = ok("queue").out();

    SourceCli.Run r = SourceCli.runInterrupted(dir, "holdings", "scan",
        dir.resolve("holdings").toString());

    assertEquals(ExitCodes.INTERRUPTED, r.code(), r.out() + r.err());
    assertEquals("error: interrupted: 'holdings scan' stopped; nothing of this scan was "
        + "recorded: the ledger holds the scan before it; run 'holdings scan' again",
        r.err().strip());
    assertEquals(queue, ok("queue").out(), "the change is not captured");
    assertTrue(ok("ledger", "verify").out().contains("audit trail intact"));
    assertTrue(ok("holdings", "scan", dir.resolve("holdings").toString()).out()
        .contains("1 modified"));
  }

  @Test
  void interruptedBuildLeavesNoPackageAndTheNextBuildTakesTheSameSequence() throws Exception {
    Path media = Files.createDirectory(dir.resolve("media"));
    String queue = ok("queue").out();

    SourceCli.Run r = SourceCli.runInterrupted(dir, "package", "build", "--destination",
        "reading-room", "--to", media.toString());

    assertEquals(ExitCodes.INTERRUPTED, r.code(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: interrupted: 'package build' stopped; no record was "
        + "marked exported and no package is left under its final name on " + media), r.err());
    try (var left = Files.list(media)) {
      assertEquals(List.of(), left.toList(), "nothing on the medium, not even hidden");
    }
    assertEquals(queue, ok("queue").out());
    assertTrue(ok("ledger", "verify").out().contains("audit trail intact"));
    FileTrees.delete(media);
    PackageHeader built = SourceCli.build(dir, "reading-room");
    assertEquals(1, built.sequence());
  }

  @Test
  void anInterruptedRunIsAuditedAsInterrupted() throws Exception {
    SourceCli.runInterrupted(dir, "holdings", "scan", dir.resolve("holdings").toString());

    Path premis = dir.resolve("events.xml");
    ok("ledger", "export-premis", "--out", premis.toString());
    String xml = Files.readString(premis);
    assertTrue(xml.contains("interrupted: 'holdings scan' stopped"), xml);
    assertTrue(ok("ledger", "verify").out().contains("audit trail intact"));
  }
}
