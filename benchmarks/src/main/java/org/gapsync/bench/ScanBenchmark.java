package org.gapsync.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The change-capture benchmark of {@code docs/benchmarks.md}: {@code holdings scan} of a large
 * holdings tree with nothing changed, beside {@code find ROOT -type f -printf '%s %T@\n'} on the
 * same tree, and with one file changed; and {@code package build} throughput onto a folder. Each
 * command runs as a user runs it, through {@code bin/source-platform} (so with the launcher's JVM
 * options), in a JVM of its own, timed from start to exit.
 *
 * <pre>{@code
 * bin/bench-scan --work /tmp/gapsync-scan --records 100000 --runs 3
 * }</pre>
 */
public final class ScanBenchmark {
  private ScanBenchmark() {}

  /**
   * Runs the benchmark; options {@code --launcher FILE --work DIR --records N --runs N
   * --template FILE}; {@code bin/bench-scan} names the launcher.
   */
  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> o = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].substring(2), args[i + 1]);
    }
    Path launcher = Path.of(o.getOrDefault("launcher", "bin/source-platform")).toAbsolutePath();
    Path work = Path.of(o.getOrDefault("work", "/tmp/gapsync-scan"));
    int records = Integer.parseInt(o.getOrDefault("records", "100000"));
    int runs = Integer.parseInt(o.getOrDefault("runs", "3"));
    Path template = Path.of(o.getOrDefault("template", "docs/examples/backup.xml"))
        .toAbsolutePath();
    Path holdings = work.resolve("holdings");
    generate(holdings, records);
    Path home = work.resolve("home");
    run("rm", "-rf", home.toString(), work.resolve("medium").toString());
    Files.writeString(work.resolve("passphrase"), "bench\n");
    Files.createDirectories(work.resolve("medium"));
    source(launcher, work, "init", "--id", "bench-source");
    source(launcher, work, "user", "add", System.getProperty("user.name"), "--role", "archivist");
    double first = source(launcher, work, "holdings", "scan", holdings.toString());
    List<Double> scans = new ArrayList<>();
    List<Double> finds = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      finds.add(time("bash", "-c", "find " + holdings + " -type f -printf '%s %T@\\n' "
          + ">/dev/null"));
      scans.add(source(launcher, work, "holdings", "scan", holdings.toString()));
    }
    // One file of one record edited: that record's folder of records is compared one by one.
    Files.writeString(holdings.resolve("F000/1950/F000-000000/content.txt"), "edited\n",
        StandardOpenOption.APPEND);
    double changed = source(launcher, work, "holdings", "scan", holdings.toString());
    long bytes = Long.parseLong(capture("du", "-sb", holdings.toString()).split("\\s")[0]);
    double scan = median(scans);
    double find = median(finds);
    System.out.printf(Locale.ROOT, "%n### holdings scan: %d records, %d files (%.2f GB), "
        + "median of %d runs%n%n", records, records * 2L, bytes / 1e9, runs);
    System.out.println("| task | seconds | records/s |");
    System.out.println("|---|---:|---:|");
    row("find ROOT -type f -printf '%s %T@\\n'", find, records);
    row("holdings scan, nothing changed", scan, records);
    row("holdings scan, one file of one record changed", changed, records);
    row("holdings scan, first (reads and hashes everything)", first, records);
    System.out.printf(Locale.ROOT, "%nscan / find = %.2f%n", scan / find);
    System.out.flush();
    source(launcher, work, "cert", "export", "--out", work.resolve("self.pem").toString());
    source(launcher, work, "destination", "add", "--id", "backup", "--template", template.toString(),
        "--cert", work.resolve("self.pem").toString());
    try {
      double build = source(launcher, work, "package", "build", "--destination", "backup", "--to",
          work.resolve("medium").toString());
      row("package build, backup template, to a folder (" + (records * 2L) + " files)", build,
          records);
    } catch (IllegalStateException e) {
      System.out.println("package build failed: " + e.getMessage().lines()
          .filter(l -> l.contains("Error") || l.startsWith("error")).findFirst().orElse("?"));
    }
  }

  private static void row(String task, double seconds, int records) {
    System.out.printf(Locale.ROOT, "| %s | %.2f | %.0f |%n", task.replace("|", "\\|"), seconds,
        records / seconds);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static double source(Path launcher, Path work, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString(),
        "--home", work.resolve("home").toString(),
        "--passphrase-file", work.resolve("passphrase").toString()));
    command.addAll(List.of(args));
    return time(command.toArray(String[]::new));
  }

  private static double time(String... command) throws Exception {
    new ProcessBuilder("sync").start().waitFor();
    long start = System.nanoTime();
    run(command);
    return (System.nanoTime() - start) / 1e9;
  }

  private static void run(String... command) throws Exception {
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    // The heap limit the figures were measured with, after the launcher's own options.
    b.environment().put("GAPSYNC_JAVA_OPTS", "-Xmx" + System.getProperty("bench.heap", "512m"));
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("failed: " + String.join(" ", command) + "\n" + out);
    }
  }

  private static String capture(String... command) throws Exception {
    Process p = new ProcessBuilder(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  /** Writes {@code records} records of a metadata.xml and one 1 KiB text file each. */
  static void generate(Path root, int records) throws Exception {
    Path done = root.resolve(".complete-" + records);
    if (Files.exists(done)) {
      return;
    }
    run("rm", "-rf", root.toString());
    for (int i = 0; i < records; i++) {
      String id = String.format(Locale.ROOT, "F%03d-%06d", i % 50, i);
      Path folder = root.resolve(String.format(Locale.ROOT, "F%03d/%04d/%s", i % 50,
          1950 + i % 70, id));
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("metadata.xml"), metadata(id, i, 50));
      Files.writeString(folder.resolve("content.txt"), ("record " + id + "\n").repeat(60));
    }
    Files.writeString(done, "");
  }

  /** Returns the metadata.xml of synthetic record {@code n} of {@code fonds} fonds. */
  static String metadata(String id, int n, int fonds) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <record xmlns="urn:gapsync:archival-record:1" formatVersion="1.0">
          <identifier>%s</identifier>
          <title>Synthetic record %d</title>
          <fonds>F%03d</fonds>
          <year>%d</year>
          <retention>permanent</retention>
          <openness>%s</openness>
        </record>
        """.formatted(id, n, n % fonds, 1950 + n % 70, n % 3 == 0 ? "restricted" : "open");
  }
}
