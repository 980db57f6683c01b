package org.gapsync.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command run as a user runs it, under {@code /usr/bin/time -v}: its exit, wall time, peak
 * resident memory and output. Dirty pages are written back first ({@code sync}), so that no
 * command pays for what the one before it wrote.
 *
 * @param code the exit code
 * @param seconds the wall time
 * @param peakKib the peak resident set, KiB
 * @param output what it printed, stdout and stderr together
 */
record Timed(int code, double seconds, long peakKib, String output) {
  /**
   * Runs {@code command} with {@code GAPSYNC_JAVA_OPTS=-XmxHEAP}, {@code time}'s report written
   * to {@code report}.
   */
  static Timed run(List<String> command, String heap, Path report) throws Exception {
    shell("sync");
    List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o",
        report.toString()));
    timed.addAll(command);
    ProcessBuilder b = new ProcessBuilder(timed).redirectErrorStream(true);
    b.environment().put("GAPSYNC_JAVA_OPTS", "-Xmx" + heap);
    b.environment().put("NO_COLOR", "1");
    long start = System.nanoTime();
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    long peak = Files.readAllLines(report).stream().filter(l -> l.contains("Maximum resident"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
    return new Timed(code, wall, peak, out);
  }

  /** Exits 4 with the package to install when {@code /usr/bin/time} is missing. */
  static void requireTime() {
    if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
      System.err.println("error: /usr/bin/time is missing; install the Debian package 'time'");
      System.exit(4);
    }
  }

  /** Runs a shell script, its output the benchmark's. */
  static void shell(String script) throws Exception {
    new ProcessBuilder("bash", "-c", script).inheritIO().start().waitFor();
  }
}
