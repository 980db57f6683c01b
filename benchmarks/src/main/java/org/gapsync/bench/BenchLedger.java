package org.gapsync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a benchmark keeps its source's ledger: embedded (the default), or, with
 * {@code --ledger postgresql}, in a new database on the server {@code bin/bench-postgres start}
 * started, one per run.
 */
final class BenchLedger {
  private BenchLedger() {}

  /** Returns the {@code init} options for {@code mode}, making a new database if it asks. */
  static List<String> initOptions(String mode, Path bin) throws IOException,
      InterruptedException {
    if (mode.equals("embedded")) {
      return List.of();
    }
    if (!mode.equals("postgresql")) {
      throw new IllegalArgumentException("--ledger " + mode + ": embedded or postgresql");
    }
    Process p = new ProcessBuilder(bin.resolve("bench-postgres").toString(), "newdb")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IOException("bin/bench-postgres newdb failed (exit " + p.exitValue() + "): "
          + "start the server first with bin/bench-postgres start");
    }
    return List.of(out.split(" "));
  }

  /** Returns how a table names the ledger of {@code mode}. */
  static String describe(String mode) {
    return mode.equals("postgresql") ? "on PostgreSQL" : "embedded (H2)";
  }
}
