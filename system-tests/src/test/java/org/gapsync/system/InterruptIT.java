package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gapsync.format.files.FileTrees;
import org.gapsync.system.Launchers.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real signals to the real applications: Ctrl-C's SIGINT during a holdings scan and SIGTERM
 * during a package build, each sent while the command is reading or writing a large file. The
 * command ends with the signal's code and one line, leaves the ledger and the medium as they
 * were, and the next run works without cleanup.
 */
class InterruptIT {
  private static final String ME = System.getProperty("user.name");
  private static final long LARGE = 64L << 20;

  @TempDir
  Path work;

  Launchers sh;

  @BeforeEach
  void setUp() throws Exception {
    sh = new Launchers(work);
    FileTrees.copy(Launchers.ROOT.resolve("docs/examples/holdings"), work.resolve("holdings"));
    sh.source("source", "init", "--id", "archive-lan").expect(0);
    sh.source("source", "user", "add", ME, "--role", "archivist").expect(0);
    sh.target("backup", "init", "--id", "backup-site").expect(0);
    sh.target("backup", "cert", "export", "--out", "backup-site.pem").expect(0);
    sh.source("source", "destination", "add", "--id", "backup-site", "--template",
        Launchers.ROOT.resolve("docs/examples/backup.xml").toString(), "--cert",
        "backup-site.pem").expect(0);
  }

  /** Gives three records a large (sparse) master file each: reading them takes a while. */
  private void addMasters() throws IOException {
    for (String record : List.of("F001/1998/F001-1998-0001", "F001/2005/F001-2005-0001",
        "F001/2012/F001-2012-0003")) {
      try (RandomAccessFile f = new RandomAccessFile(work.resolve("holdings").resolve(record)
          .resolve("master.bin").toFile(), "rw")) {
        f.setLength(LARGE);
      }
    }
  }

  private static void signal(Process process, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
        .inheritIO().start();
    assertEquals(0, kill.waitFor());
  }

  @Test
  void ctrlCDuringAScanRecordsNothingAndTheNextScanRecordsEverything() throws Exception {
    addMasters();
    Launchers.Running scan = sh.startSource("source", "holdings", "scan", "holdings");
    scan.awaitOpen("master.bin");
    signal(scan.process(), "INT");
    Run r = scan.await();

    assertEquals(130, r.code(), r.all());
    assertEquals(1, r.err().strip().lines().count(), r.all());
    assertTrue(r.err().contains("interrupted: 'holdings scan' ") && r.err().contains(
        "nothing of this scan was recorded"), r.all());
    sh.source("source", "queue").expect(0).says("nothing queued");
    sh.source("source", "ledger", "verify").expect(0).says("audit trail intact");
    sh.source("source", "holdings", "scan", "holdings").expect(0).says("10 added");
  }

  @Test
  void sigtermDuringABuildLeavesNothingOnTheMediumAndTheNextBuildWorks() throws Exception {
    addMasters();
    sh.source("source", "holdings", "scan", "holdings").expect(0);
    Files.createDirectories(work.resolve("medium"));
    Launchers.Running build = sh.startSource("source", "package", "build", "--destination",
        "backup-site", "--to", "medium");
    build.awaitOpen(".partial");
    build.process().destroy();
    Run r = build.await();

    assertEquals(143, r.code(), r.all());
    assertEquals(1, r.err().strip().lines().count(), r.all());
    assertTrue(r.err().contains("interrupted: 'package build' ") && r.err().contains(
        "no record was marked exported"), r.all());
    assertEquals(List.of(), sh.list("medium"), "nothing on the medium, not even hidden");
    sh.source("source", "ledger", "verify").expect(0).says("audit trail intact");
    sh.source("source", "package", "build", "--destination", "backup-site", "--to", "medium")
        .expect(0).says("(sequence 1): 10 records");
  }
}
