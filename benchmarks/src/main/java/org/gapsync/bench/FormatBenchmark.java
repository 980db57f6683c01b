package org.gapsync.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Generates the two data sets of {@code docs/benchmarks.md} and measures, in one run on the same
 * data: our package writing and verifying, LoC bagit-java's {@code bagInPlace} and
 * {@code isValid}, and the one-pass read-and-hash floor {@code tar cf - | openssl dgst -sha256}.
 * Prints one Markdown table per data set.
 *
 * <pre>{@code
 * bin/bench-format --work /tmp/gapsync-bench --runs 3
 * }</pre>
 */
public final class FormatBenchmark {
  private final Path work;
  private final int runs;
  private final String heap;

  private FormatBenchmark(Path work, int runs, String heap) {
    this.work = work;
    this.runs = runs;
    this.heap = heap;
  }

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    FormatBenchmark bench = new FormatBenchmark(Path.of(o.getOrDefault("work",
        "/tmp/gapsync-bench")), Integer.parseInt(o.getOrDefault("runs", "3")),
        o.getOrDefault("heap", "128m"));
    int smallFiles = Integer.parseInt(o.getOrDefault("small-files", "20000"));
    int largeFiles = Integer.parseInt(o.getOrDefault("large-files", "4"));
    int largeMib = Integer.parseInt(o.getOrDefault("large-mib", "256"));
    Files.createDirectories(bench.work);
    bench.java("make-key", bench.work.resolve("key.p12").toString(),
        bench.work.resolve("key.pem").toString());
    Path small = bench.work.resolve("small");
    generate(small.resolve("holdings"), smallFiles, 10, 1024, 100 * 1024);
    bench.measure("many small files: " + smallFiles + " files of 1-100 KiB", small);
    Path large = bench.work.resolve("large");
    generate(large.resolve("holdings"), largeFiles, 1, largeMib << 20, largeMib << 20);
    bench.measure("large files: " + largeFiles + " files of " + largeMib + " MiB", large);
  }

  private void measure(String title, Path set) throws Exception {
    Path holdings = set.resolve("holdings");
    long bytes = size(holdings);
    long files = count(holdings);
    Map<String, List<Result>> results = new LinkedHashMap<>();
    shell("tar cf - -C " + holdings + " . | openssl dgst -sha256 >/dev/null");
    for (int r = 0; r < runs; r++) {
      Path medium = set.resolve("medium");
      Path loc = set.resolve("loc");
      delete(medium);
      delete(loc);
      Files.createDirectories(medium);
      add(results, "floor: tar cf - holdings | openssl dgst -sha256",
          shell("tar cf - -C " + holdings + " . | openssl dgst -sha256 >/dev/null"));
      add(results, "gapsync write (folder package)", java("ours-write", holdings.toString(),
          medium.toString(), "false", work.resolve("key.p12").toString()));
      delete(medium);
      Files.createDirectories(medium);
      add(results, "gapsync write, durable (fsync every file)", java("ours-write",
          holdings.toString(), medium.toString(), "true", work.resolve("key.p12").toString()));
      Path pkg = medium.resolve("bench");
      add(results, "floor: tar cf - package | openssl dgst -sha256",
          shell("tar cf - -C " + pkg + " . | openssl dgst -sha256 >/dev/null"));
      add(results, "gapsync verify (folder package)", java("ours-verify", pkg.toString(),
          work.resolve("key.pem").toString()));
      Path sealed = set.resolve("sealed");
      delete(sealed);
      Files.createDirectories(sealed);
      add(results, "gapsync write, encrypted tar (.tar.p7m, AES-256, durable)", java(
          "ours-write-sealed", holdings.toString(), sealed.toString(), "true",
          work.resolve("key.p12").toString(), work.resolve("key.pem").toString()));
      Path opened = set.resolve("opened.tar");
      delete(opened);
      add(results, "gapsync decrypt .tar.p7m (a target's first step of import)", java(
          "ours-open", sealed.resolve("bench.tar.p7m").toString(),
          work.resolve("key.p12").toString(), opened.toString()));
      delete(sealed);
      delete(opened);
      add(results, "cp -r holdings to the medium (what bagInPlace needs first)",
          shell("cp -r " + holdings + " " + loc));
      add(results, "bagit-java 5.2.0 BagCreator.bagInPlace", javaDefaultHeap("loc-create",
          loc.toString()));
      add(results, "bagit-java 5.2.0 BagVerifier.isValid", javaDefaultHeap("loc-verify",
          loc.toString()));
    }
    print(title, bytes, files, results);
  }

  record Result(double seconds, long rssKib) {}

  static void add(Map<String, List<Result>> results, String name, Result r) {
    results.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
  }

  void print(String title, long bytes, long files, Map<String, List<Result>> results) {
    print(title, bytes, files, runs, results);
  }

  static void print(String title, long bytes, long files, int runs,
      Map<String, List<Result>> results) {
    System.out.printf(Locale.ROOT, "%n### %s (%.2f GB, %d files, median of %d runs)%n%n", title,
        bytes / 1e9, files, runs);
    System.out.println("| task | seconds | MB/s | files/s | peak RSS (MiB) |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (Map.Entry<String, List<Result>> e : results.entrySet()) {
      List<Result> rs = new ArrayList<>(e.getValue());
      rs.sort((a, b) -> Double.compare(a.seconds(), b.seconds()));
      Result median = rs.get(rs.size() / 2);
      long rss = rs.stream().mapToLong(Result::rssKib).max().orElse(-1);
      System.out.printf(Locale.ROOT, "| %s | %.2f | %.0f | %.0f | %s |%n",
          e.getKey().replace("|", "\\|"),
          median.seconds(), bytes / 1e6 / median.seconds(), files / median.seconds(),
          rss < 0 ? "-" : String.valueOf(rss / 1024));
    }
  }

  private Result java(String... args) throws Exception {
    settle();
    return run(javaCommand("-Xmx" + heap, args));
  }

  private Result javaDefaultHeap(String... args) throws Exception {
    settle();
    return run(javaCommand(null, args));
  }

  static List<String> javaCommand(String heapFlag, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (heapFlag != null) {
      command.add(heapFlag);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchTask.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  static Result shell(String script) throws Exception {
    settle();
    long start = System.nanoTime();
    run(List.of("bash", "-o", "pipefail", "-c", script));
    return new Result((System.nanoTime() - start) / 1e9, -1);
  }

  /** Flushes what earlier tasks wrote, so that no task pays for another's write-back. */
  static void settle() throws Exception {
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }

  static Result run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("failed: " + command + "\n" + output);
    }
    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
    if (!last.startsWith("elapsed_ms=")) {
      return new Result(0, -1);
    }
    String[] parts = last.split(" ");
    return new Result(Long.parseLong(parts[0].substring(11)) / 1e3,
        Long.parseLong(parts[1].substring(8)));
  }

  /** Writes {@code files} files of random sizes in [min, max] bytes, {@code perRecord} a folder. */
  static void generate(Path root, int files, int perRecord, int min, int max) throws Exception {
    if (Files.isDirectory(root) && count(root) == files) {
      return;
    }
    delete(root);
    SplittableRandom random = new SplittableRandom(20260301L);
    byte[] buffer = new byte[1 << 20];
    for (int i = 0; i < files; i++) {
      Path folder = root.resolve(String.format(Locale.ROOT, "rec-%05d", i / perRecord));
      Files.createDirectories(folder);
      int size = min + random.nextInt(max - min + 1);
      try (OutputStream out = Files.newOutputStream(folder.resolve(String.format(Locale.ROOT,
          "file-%02d.bin", i % perRecord)))) {
        for (int left = size; left > 0; left -= buffer.length) {
          random.nextBytes(buffer);
          out.write(buffer, 0, Math.min(left, buffer.length));
        }
      }
    }
  }

  static long size(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static long count(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).count();
    }
  }

  static void delete(Path path) throws Exception {
    if (Files.exists(path)) {
      run(List.of("rm", "-rf", path.toString()));
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, found " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
