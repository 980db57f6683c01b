package org.gapsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small run of {@code bin/bench-scale}, the scale benchmark, through its launcher: that it
 * still runs every stage of the loop and prints its table. The figures are not checked here;
 * {@code docs/benchmarks.md} reports them from full runs.
 */
class ScaleBenchmarkIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir
  Path work;

  @Test
  void runsEveryStageOfTheLoopAndPrintsItsTable() throws Exception {
    ProcessBuilder b = new ProcessBuilder("bash", ROOT.resolve("bin/bench-scale").toString(),
        "--records", "30", "--work", work.toString()).redirectErrorStream(true);
    // The reactor has built every module; the launchers must not build again.
    b.environment().put("GAPSYNC_NO_BUILD", "1");
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "bench-scale did not finish");

    assertEquals(0, p.exitValue(), out);
    for (String stage : new String[] {"| holdings scan, first |", "| holdings scan, unchanged |",
        "| holdings scan, 1 record changed |", "| package build (60 files) |",
        "| package import |", "| receipt ingest |", "| replica verify |",
        "| ledger history |", "| ledger export-premis |"}) {
      assertTrue(out.contains(stage), stage + " in\n" + out);
    }
    assertTrue(out.contains("### 30 records, 60 files"), out);
  }
}
