package org.gapsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gapsync.format.container.ContainerEntry;
import org.gapsync.format.container.ContainerReader;
import org.gapsync.format.container.EntryKind;

/**
 * The container benchmark of {@code docs/benchmarks.md}: a package's container opened (its
 * entries checked and indexed), listed, and every file found by name and read, as verifying and
 * importing a package do, round after round in one JVM (the first pays for loading and
 * compiling, and for a cold page cache). Run through {@code bin/bench-container}, with the
 * launchers' JVM options, on a package {@code bin/bench-scale} built.
 *
 * <pre>{@code
 * bin/bench-container --package /tmp/gapsync-scale/medium/bench-source-backup-000001.tar
 * }</pre>
 */
public final class ContainerBenchmark {
  private ContainerBenchmark() {}

  /** Runs the benchmark; options {@code --package FILE --rounds N}. */
  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> o = FormatBenchmark.options(args);
    Path container = Path.of(o.getOrDefault("package",
        "/tmp/gapsync-scale/medium/bench-source-backup-000001.tar"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
    if (!Files.exists(container)) {
      System.err.println("error: no package at " + container + "; build one with "
          + "bin/bench-scale first, or name one with --package");
      System.exit(2);
    }
    byte[] buffer = new byte[1 << 16];
    for (int round = 1; round <= rounds; round++) {
      long start = System.nanoTime();
      try (ContainerReader reader = ContainerReader.open(container)) {
        long opened = System.nanoTime();
        List<String> files = new ArrayList<>();
        reader.entries(e -> {
          if (e.kind() == EntryKind.FILE) {
            files.add(e.name());
          }
        });
        long listed = System.nanoTime();
        long bytes = 0;
        for (String name : files) {
          ContainerEntry e = reader.find(name).orElseThrow(() -> new IOException(name
              + " listed but not found"));
          try (InputStream in = reader.open(e)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
              bytes += n;
            }
          }
        }
        long read = System.nanoTime();
        System.out.printf(Locale.ROOT, "round %d: open %.2f s, list %.2f s, find and read %d "
            + "files (%.2f GB) %.2f s%n", round, (opened - start) / 1e9, (listed - opened) / 1e9,
            files.size(), bytes / 1e9, (read - listed) / 1e9);
      }
    }
  }
}
