package org.gapsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.gapsync.format.record.RecordMetadata;

/**
 * The metadata benchmark of {@code docs/benchmarks.md}: every {@code metadata.xml} under a
 * holdings root read and validated as a scan reads it ({@link RecordMetadata#read}), on one
 * thread, several rounds in one JVM (the first pays for loading and compiling), each reported
 * in microseconds a record. Run through {@code bin/bench-metadata}, with the launchers' JVM
 * options, on the holdings {@code bin/bench-scale} generates.
 *
 * <pre>{@code
 * bin/bench-metadata --holdings /tmp/gapsync-scale/holdings --rounds 5
 * }</pre>
 */
public final class MetadataBenchmark {
  private MetadataBenchmark() {}

  /** Runs the benchmark; options {@code --holdings DIR --rounds N}. */
  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> o = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].substring(2), args[i + 1]);
    }
    Path holdings = Path.of(o.getOrDefault("holdings", "/tmp/gapsync-scale/holdings"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(holdings)) {
      files = walk.filter(p -> p.getFileName().toString().equals("metadata.xml")).sorted()
          .toList();
    }
    if (files.isEmpty()) {
      System.err.println("error: no metadata.xml under " + holdings
          + "; generate holdings with bin/bench-scale first");
      System.exit(2);
    }
    System.out.printf(Locale.ROOT, "%d metadata files under %s%n", files.size(), holdings);
    for (int round = 1; round <= rounds; round++) {
      long start = System.nanoTime();
      for (Path p : files) {
        RecordMetadata.read(p.toString(), () -> Files.newInputStream(p));
      }
      System.out.printf(Locale.ROOT, "round %d: %.1f µs a record%n", round,
          (System.nanoTime() - start) / 1e3 / files.size());
    }
  }
}
