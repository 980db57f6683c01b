package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/install-docs} installs a man page for every command of both applications and their
 * shell completion, which completes commands and options as a user types them.
 */
class InstallDocsIT {
  @TempDir
  Path work;

  @Test
  void installsAManPageForEveryCommandAndACompletionThatCompletes() throws Exception {
    Launchers sh = new Launchers(work);
    sh.command("bash", Launchers.ROOT.resolve("bin/install-docs").toString(), "--prefix",
        "usr").expect(0).says("man pages into");

    Path man1 = work.resolve("usr/share/man/man1");
    for (String page : List.of("source-platform.1", "source-platform-holdings-scan.1",
        "source-platform-receipt-ingest.1", "source-platform-ledger-verify.1",
        "target-platform-package-import.1", "target-platform-replica-verify.1")) {
      String roff = Files.readString(man1.resolve(page));
      assertTrue(roff.contains(".TH ") && roff.contains("EXIT CODES")
          && roff.contains("EXAMPLES"), page);
    }
    Path completions = work.resolve("usr/share/bash-completion/completions");
    assertEquals("holdings", complete(sh, completions.resolve("source-platform"),
        "source-platform", "hol"));
    assertEquals("--receipt-to", complete(sh, completions.resolve("target-platform"),
        "target-platform", "package", "import", "--rec"));
  }

  /** Returns what bash completes for the last of {@code words}, as Tab would. */
  private static String complete(Launchers sh, Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    return sh.command("bash", "-c", "source " + script + " 2>/dev/null; COMP_WORDS=(" + line
        + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE='" + line + "'; _complete_"
        + words[0] + " 2>/dev/null; echo \"${COMPREPLY[*]}\"").expect(0).out().strip();
  }
}
