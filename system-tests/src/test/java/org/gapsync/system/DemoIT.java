package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/demo}, the README's main command, as a newcomer would: the whole closed loop
 * through both applications' launchers, in child processes.
 */
class DemoIT {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir
  Path dir;

  @Test
  void demoConfirmsEveryRecordAtBothTargetsAndResendsTheDamagedTransfer() throws Exception {
    Path log = dir.resolve("demo.log");
    ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("bin/demo").toString(),
        "--dir", dir.resolve("demo").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    // The reactor has built both applications; the launchers must not build again.
    pb.environment().put("GAPSYNC_NO_BUILD", "1");
    Process p = pb.start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the demo did not finish in 10 minutes");
    String out = Files.readString(log, StandardCharsets.UTF_8);

    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("demo PASSED"), out);
    assertFalse(out.contains("\u001b"), "no escape codes when the output is redirected");
    assertTrue(out.contains("rejected, nothing applied: 1 finding, first: DIGEST_MISMATCH"),
        out);
    assertTrue(out.contains("0 confirmed, 2 failed and re-queued"), out);
    assertTrue(out.contains("0 of them controlled or restricted"), out);
    assertTrue(out.contains("as 3 volumes of at most"), out);
    assertTrue(out.contains("1 file of the disc repaired from its recovery data"), out);
    assertTrue(out.matches("(?s).*replica \\S+/backup-site/replica verified: \\d+ files.*"), out);
    assertFalse(Files.exists(dir.resolve("demo")), "the scratch folder is removed on success");
  }
}
