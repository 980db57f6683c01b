package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gapsync.format.files.FileTrees;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An auditor's read-only copy of a home is evidence: every command that only reads runs on it
 * (exit 0, one note that the run could not be recorded), a command that would write is refused
 * before it starts, and nothing changes. The home is mounted read-only in a private mount
 * namespace, which needs root; elsewhere the test is skipped and says so.
 */
class ReadOnlyHomeIT {
  private static final String ME = System.getProperty("user.name");

  @TempDir
  Path work;

  /** Runs the source launcher on the home {@code source}, mounted read-only at {@code ro}. */
  private Launchers.Run readOnly(Launchers sh, String launcher, String home, String... args)
      throws Exception {
    String script = "mkdir -p ro && mount --bind " + home + " ro && mount -o remount,bind,ro ro"
        + " || exit 99\nexec bash " + Launchers.ROOT.resolve(launcher) + " --home ro \"$@\"\n";
    List<String> command = new ArrayList<>(List.of("unshare", "--mount", "bash", "-c", script,
        "bash"));
    command.addAll(List.of(args));
    return sh.command(command.toArray(String[]::new));
  }

  @Test
  void readingCommandsRunOnAReadOnlyHomeAndWritingOnesAreRefused() throws Exception {
    Launchers sh = new Launchers(work);
    Assumptions.assumeTrue(sh.command("unshare", "--mount", "true").code() == 0,
        "needs root to mount the home read-only in a private mount namespace");
    FileTrees.copy(Launchers.ROOT.resolve("docs/examples/holdings"), work.resolve("holdings"));
    sh.source("source", "init", "--id", "archive-lan").expect(0);
    sh.source("source", "user", "add", ME, "--role", "auditor").expect(0);
    sh.source("source", "user", "add", ME, "--role", "archivist").expect(0);
    sh.source("source", "cert", "export", "--out", "self.pem").expect(0);
    sh.source("source", "destination", "add", "--id", "backup", "--template",
        Launchers.ROOT.resolve("docs/examples/backup.xml").toString(), "--cert", "self.pem")
        .expect(0);
    sh.source("source", "holdings", "scan", "holdings").expect(0);
    byte[] ledger = Files.readAllBytes(work.resolve("source/ledger/ledger.mv.db"));

    for (String[] read : List.of(new String[] {"ledger", "query"},
        new String[] {"ledger", "history", "F001-1998-0001"}, new String[] {"ledger", "verify"},
        new String[] {"ledger", "export-premis", "--out", work.resolve("premis.xml").toString()},
        new String[] {"queue"}, new String[] {"destination", "list"},
        new String[] {"trust", "list"}, new String[] {"user", "list"})) {
      Launchers.Run r = readOnly(sh, "bin/source-platform", "source", read);
      r.expect(0).says("note: the home " + work.resolve("ro") + " is read-only: this run "
          + "could not be recorded in its audit trail");
      assertFalse(r.err().contains("SQL") || r.err().contains("error"), r.all());
    }
    readOnly(sh, "bin/source-platform", "source", "holdings", "scan", "holdings").expect(4)
        .says("is read-only (a copy for examination, or a read-only mount): 'holdings scan' "
            + "would change it");

    sh.target("target", "init", "--id", "reading-room").expect(0);
    sh.target("target", "user", "add", ME, "--role", "auditor").expect(0);
    for (String[] read : List.of(new String[] {"status"}, new String[] {"replica", "verify"},
        new String[] {"ledger", "verify"}, new String[] {"trust", "list"},
        new String[] {"user", "list"})) {
      readOnly(sh, "bin/target-platform", "target", read).expect(0).says("is read-only: this "
          + "run could not be recorded");
    }
    readOnly(sh, "bin/target-platform", "target", "trust", "add", "--id", "archive-lan",
        "--cert", "self.pem").expect(4).says("'trust add' would change it");

    assertEquals(java.util.Arrays.toString(ledger), java.util.Arrays.toString(
        Files.readAllBytes(work.resolve("source/ledger/ledger.mv.db"))), "nothing written");
    sh.source("source", "ledger", "verify").expect(0);
  }
}
