package org.gapsync.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target's import benchmark: {@code package import} of one tar package (verify, stage,
 * apply, re-read the replica, sign and write the receipt) beside the floor of unpacking the same
 * tar and hashing every extracted file with openssl.
 *
 * <pre>{@code
 * bin/bench-import --work /tmp/gapsync-bench --runs 3 --files 20000
 * }</pre>
 */
public final class ImportBenchmark {
  private ImportBenchmark() {}

  /**
   * Runs the benchmark; options {@code --work DIR --runs N --files N [--heap SIZE]}. The
   * platform runs with the JVM options this benchmark was launched with (those of
   * {@code bin/lib/java-options}, as the platform's own launcher uses), and {@code -Xmx} of
   * {@code --heap} when given.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = FormatBenchmark.options(args);
    Path work = Path.of(o.getOrDefault("work", "/tmp/gapsync-bench")).toAbsolutePath();
    int runs = Integer.parseInt(o.getOrDefault("runs", "3"));
    int files = Integer.parseInt(o.getOrDefault("files", "20000"));
    List<String> jvm = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
    if (o.containsKey("heap")) {
      jvm.add("-Xmx" + o.get("heap"));
    }
    Path set = work.resolve("import");
    Path holdings = set.resolve("holdings");
    Files.createDirectories(set);
    FormatBenchmark.generate(holdings, files, 10, 1024, 100 * 1024);
    Path key = set.resolve("source.p12");
    Path cert = set.resolve("source.pem");
    task(List.of(), "make-key", key.toString(), cert.toString());
    Path medium = set.resolve("medium");
    FormatBenchmark.delete(medium);
    Files.createDirectories(medium);
    task(jvm, "ours-write-tar", holdings.toString(), medium.toString(), "false",
        key.toString());
    Path pkg = medium.resolve("bench.tar");
    Path passphrase = set.resolve("passphrase.txt");
    Files.writeString(passphrase, "bench\n");
    Map<String, List<FormatBenchmark.Result>> results = new LinkedHashMap<>();
    for (int r = 0; r < runs; r++) {
      Path extracted = set.resolve("extracted");
      FormatBenchmark.delete(extracted);
      Files.createDirectories(extracted);
      FormatBenchmark.add(results, "floor: tar xf package, then openssl dgst -sha256 every "
          + "file", FormatBenchmark.shell("tar xf " + pkg + " -C " + extracted + " && find "
          + extracted + " -type f -print0 | xargs -0 openssl dgst -sha256 >/dev/null"));
      FormatBenchmark.delete(extracted);
      Path home = set.resolve("target-home");
      Path receipts = set.resolve("receipts");
      FormatBenchmark.delete(home);
      FormatBenchmark.delete(receipts);
      String[] common = {"--home", home.toString(), "--passphrase-file", passphrase.toString()};
      task(jvm, concat(common, "init", "--id", "bench-target"));
      task(jvm, concat(common, "user", "add", System.getProperty("user.name"), "--role", "operator"));
      task(jvm, concat(common, "trust", "add", "--id", "bench-source", "--cert",
          cert.toString()));
      FormatBenchmark.add(results, "gapsync package import (verify, apply, re-read, receipt)",
          task(jvm, concat(common, "package", "import", pkg.toString(), "--receipt-to",
              receipts.toString())));
    }
    FormatBenchmark.print("import of one package: " + files + " files of 1-100 KiB",
        FormatBenchmark.size(holdings), FormatBenchmark.count(holdings), runs, results);
  }

  private static String[] concat(String[] common, String... rest) {
    List<String> all = new ArrayList<>(List.of("target"));
    all.addAll(List.of(common));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  private static FormatBenchmark.Result task(List<String> jvm, String... args)
      throws Exception {
    FormatBenchmark.settle();
    List<String> command = new ArrayList<>(FormatBenchmark.javaCommand(null, args));
    command.addAll(1, jvm);
    return FormatBenchmark.run(command);
  }
}
