package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gapsync.format.files.FileTrees;
import org.gapsync.system.Launchers.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the exit-code table of {@code docs/cli.md} and produces every code it documents with a
 * real case, through the launchers as an operator runs them: a code the table lists that no
 * case produces, or a case whose code the table lacks, fails the test.
 */
class ExitCodeTableIT {
  private static final String ME = System.getProperty("user.name");
  /** Code 1 is a bug: no correct case produces it, so the table's word is all it has. */
  private static final int BUG = 1;

  @TempDir
  Path work;

  Launchers sh;

  /** Returns the codes of the table under "Exit codes" in docs/cli.md. */
  private static List<Integer> documented() throws Exception {
    String cli = Files.readString(Launchers.ROOT.resolve("docs/cli.md"));
    String table = cli.substring(cli.indexOf("## Exit codes"));
    table = table.substring(0, table.indexOf("\n\n", table.indexOf("| code |")));
    List<Integer> codes = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(table);
    while (m.find()) {
      codes.add(Integer.parseInt(m.group(1)));
    }
    return codes;
  }

  @Test
  void everyDocumentedCodeHasARealCase() throws Exception {
    sh = new Launchers(work);
    FileTrees.copy(Launchers.ROOT.resolve("docs/examples/holdings"), work.resolve("holdings"));
    Map<Integer, Run> cases = new TreeMap<>();
    sh.source("source", "init", "--id", "archive-lan").expect(0);
    // Whoever ran init is admin, and an admin is not an archivist.
    cases.put(5, sh.source("source", "holdings", "scan", "holdings"));
    cases.put(0, sh.source("source", "user", "add", ME, "--role", "archivist"));
    sh.source("source", "cert", "export", "--out", "archive-lan.pem").expect(0);
    sh.target("target", "init", "--id", "reading-room").expect(0);
    sh.target("target", "user", "add", ME, "--role", "operator").expect(0);
    sh.target("target", "cert", "export", "--out", "reading-room.pem").expect(0);
    sh.target("target", "trust", "add", "--id", "archive-lan", "--cert", "archive-lan.pem")
        .expect(0);
    sh.source("source", "destination", "add", "--id", "reading-room", "--template",
        Launchers.ROOT.resolve("docs/examples/reading-room.xml").toString(), "--cert",
        "reading-room.pem").expect(0);
    cases.put(2, sh.source("source", "queue", "--destinaton", "reading-room"));
    Files.writeString(work.resolve("broken.xml"), "<template xmlns=\"urn:gapsync:template:1\">");
    cases.put(3, sh.source("source", "template", "check", "broken.xml"));
    cases.put(4, sh.source("source", "holdings", "scan", "no-such-folder"));
    sh.source("source", "holdings", "scan", "holdings").expect(0);

    // A source restored from a copy of its home taken before package 1 builds package 1 again,
    // with other content: the target refuses the second as a different package under the id.
    FileTrees.copy(work.resolve("source"), work.resolve("source-copy"));
    Files.createDirectories(work.resolve("medium-1"));
    sh.source("source", "package", "build", "--destination", "reading-room", "--to",
        "medium-1").expect(0);
    sh.target("target", "package", "import", "medium-1", "--receipt-to", "medium-1/receipts")
        .expect(0);
    Path record = work.resolve("holdings/F001/1998/F001-1998-0001/metadata.xml");
    Files.writeString(record, Files.readString(record).replace("</title>", " (rev.)</title>"));
    sh.source("source-copy", "holdings", "scan", "holdings").expect(0);
    Files.createDirectories(work.resolve("medium-2"));
    sh.source("source-copy", "package", "build", "--destination", "reading-room", "--to",
        "medium-2").expect(0);
    cases.put(6, sh.target("target", "package", "import", "medium-2", "--receipt-to",
        "medium-2/receipts"));

    Files.createDirectories(work.resolve("medium-3"));
    Launchers.Running build = sh.startSource("source-copy", "package", "build",
        "--destination", "reading-room", "--to", "medium-3");
    // Once it has opened its ledger, Ctrl-C ends it with one line and 130.
    build.awaitOpen("source-copy/ledger/ledger.mv.db");
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(build.process().pid()))
        .start();
    assertEquals(0, kill.waitFor());
    cases.put(130, build.await());

    TreeSet<Integer> expected = new TreeSet<>(documented());
    expected.remove(BUG);
    assertEquals(expected, cases.keySet(), "the codes docs/cli.md documents");
    for (var c : cases.entrySet()) {
      assertEquals(c.getKey(), c.getValue().code(), c.getValue().all());
      if (c.getKey() != 0) {
        assertEquals(1, c.getValue().err().strip().lines().filter(l -> l.startsWith("error: ")
            || l.startsWith("warning: ")).count(), c.getValue().all());
      }
    }
  }
}
