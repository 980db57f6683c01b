package org.gapsync.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The closed loop's benchmark: generates synthetic holdings, then runs every stage of one sync
 * as a user runs it, each command in a JVM of its own with the launchers' options ({@code
 * holdings scan}, {@code package build}, {@code package import}, {@code receipt ingest}), beside
 * the baselines measured in the same run on the same files: {@code tar cf - | openssl dgst
 * -sha256} and LoC bagit-java's create and verify.
 *
 * <pre>{@code
 * bin/bench --work /tmp/gapsync-loop --files 20000 --per-record 10 --min-kib 1 --max-kib 100
 * }</pre>
 */
public final class LoopBenchmark {
  private final Path work;
  private final List<String> jvm;
  private final Map<String, List<FormatBenchmark.Result>> results = new LinkedHashMap<>();

  private LoopBenchmark(Path work, List<String> jvm) {
    this.work = work;
    this.jvm = jvm;
  }

  /**
   * Runs the benchmark; options {@code --work DIR --runs N --files N --per-record N --min-kib N
   * --max-kib N --template FILE --ledger embedded|postgresql} (a new database on the server
   * {@code bin/bench-postgres start} started, for each run).
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = FormatBenchmark.options(args);
    Path work = Path.of(o.getOrDefault("work", "/tmp/gapsync-loop")).toAbsolutePath();
    int runs = Integer.parseInt(o.getOrDefault("runs", "3"));
    int files = Integer.parseInt(o.getOrDefault("files", "20000"));
    int perRecord = Integer.parseInt(o.getOrDefault("per-record", "10"));
    int min = Integer.parseInt(o.getOrDefault("min-kib", "1")) * 1024;
    int max = Integer.parseInt(o.getOrDefault("max-kib", "100")) * 1024;
    Path template = Path.of(o.getOrDefault("template", "docs/examples/backup.xml"))
        .toAbsolutePath();
    LoopBenchmark bench = new LoopBenchmark(work,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    String ledger = o.getOrDefault("ledger", "embedded");
    Path holdings = work.resolve("holdings");
    generate(holdings, files, perRecord, min, max);
    for (int r = 0; r < runs; r++) {
      bench.baselines(holdings);
      bench.loop(holdings, template, BenchLedger.initOptions(ledger, Path.of("bin")
          .toAbsolutePath()));
    }
    FormatBenchmark.print("the closed loop: " + files + " files of " + min / 1024 + "-"
        + max / 1024 + " KiB, " + perRecord + " a record, the source's ledger "
        + BenchLedger.describe(ledger), FormatBenchmark.size(holdings),
        FormatBenchmark.count(holdings), runs, bench.results);
  }

  private void baselines(Path holdings) throws Exception {
    FormatBenchmark.add(results, "baseline: tar cf - holdings | openssl dgst -sha256",
        FormatBenchmark.shell("tar cf - -C " + holdings + " . | openssl dgst -sha256"
            + " >/dev/null"));
    Path bag = work.resolve("bagit-java");
    FormatBenchmark.delete(bag);
    FormatBenchmark.add(results, "baseline: cp -r holdings (bagInPlace needs a copy)",
        FormatBenchmark.shell("cp -r " + holdings + " " + bag));
    FormatBenchmark.add(results, "baseline: bagit-java 5.2.0 BagCreator.bagInPlace",
        task("loc-create", bag.toString()));
    FormatBenchmark.add(results, "baseline: bagit-java 5.2.0 BagVerifier.isValid",
        task("loc-verify", bag.toString()));
    FormatBenchmark.delete(bag);
    Path iso = work.resolve("baseline.iso");
    FormatBenchmark.delete(iso);
    FormatBenchmark.add(results, "baseline: xorriso -as mkisofs -R -J --md5 holdings",
        FormatBenchmark.shell("xorriso -as mkisofs -quiet -R -J --md5 -o " + iso + " "
            + holdings + " 2>/dev/null"));
    FormatBenchmark.delete(iso);
  }

  private void loop(Path holdings, Path template, List<String> ledger) throws Exception {
    Path source = work.resolve("source-home");
    Path target = work.resolve("target-home");
    Path medium = work.resolve("medium");
    for (Path p : List.of(source, target, medium)) {
      FormatBenchmark.delete(p);
    }
    Files.createDirectories(medium);
    Path passphrase = work.resolve("passphrase.txt");
    Files.writeString(passphrase, "bench\n");
    String[] s = {"source", "--home", source.toString(), "--passphrase-file",
        passphrase.toString()};
    String[] t = {"target", "--home", target.toString(), "--passphrase-file",
        passphrase.toString()};
    Path sourcePem = work.resolve("source.pem");
    Path targetPem = work.resolve("target.pem");
    task(concat(concat(s, "init", "--id", "bench-source"), ledger.toArray(String[]::new)));
    task(concat(s, "user", "add", System.getProperty("user.name"), "--role", "archivist"));
    task(concat(s, "cert", "export", "--out", sourcePem.toString()));
    task(concat(t, "init", "--id", "bench-target"));
    task(concat(t, "user", "add", System.getProperty("user.name"), "--role", "operator"));
    task(concat(t, "cert", "export", "--out", targetPem.toString()));
    task(concat(t, "trust", "add", "--id", "bench-source", "--cert", sourcePem.toString()));
    task(concat(s, "destination", "add", "--id", "bench-target", "--template",
        template.toString(), "--cert", targetPem.toString()));

    stage("1. holdings scan, first (reads and hashes every file)",
        concat(s, "holdings", "scan", holdings.toString()));
    stage("   holdings scan again, nothing changed",
        concat(s, "holdings", "scan", holdings.toString()));
    stage("2. package build (onto the medium, read back and verified)",
        concat(s, "package", "build", "--destination", "bench-target", "--to",
            medium.toString()));
    Path receipts = medium.resolve("receipts");
    stage("3. package import (verify, apply, re-read, receipt)",
        concat(t, "package", "import", medium.toString(), "--receipt-to",
            receipts.toString()));
    Path receipt;
    try (var list = Files.list(receipts)) {
      receipt = list.findFirst().orElseThrow();
    }
    stage("4. receipt ingest (every record compared with the ledger)",
        concat(s, "receipt", "ingest", receipt.toString()));
    // The same records for a second destination, written as a set of disc images.
    Path vault = work.resolve("vault-home");
    FormatBenchmark.delete(vault);
    String[] v = {"target", "--home", vault.toString(), "--passphrase-file",
        passphrase.toString()};
    Path vaultPem = work.resolve("vault.pem");
    task(concat(v, "init", "--id", "bench-discs"));
    task(concat(v, "cert", "export", "--out", vaultPem.toString()));
    task(concat(s, "destination", "add", "--id", "bench-discs", "--template",
        template.toString(), "--cert", vaultPem.toString()));
    Path discs = work.resolve("discs");
    FormatBenchmark.delete(discs);
    Files.createDirectories(discs);
    stage("5. package build --volume-size 256MiB --iso (images, 10% recovery, each checked)",
        concat(s, "package", "build", "--destination", "bench-discs", "--to", discs.toString(),
            "--volume-size", "256MiB", "--iso"));
    FormatBenchmark.delete(discs);
    FormatBenchmark.delete(vault);
  }

  /** Runs one measured stage: wall time from JVM start to exit, and the task's peak RSS. */
  private void stage(String name, String... args) throws Exception {
    FormatBenchmark.add(results, name, task(args));
  }

  private FormatBenchmark.Result task(String... args) throws Exception {
    FormatBenchmark.settle();
    long start = System.nanoTime();
    FormatBenchmark.Result r = FormatBenchmark.run(command(args));
    return new FormatBenchmark.Result((System.nanoTime() - start) / 1e9, r.rssKib());
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>(FormatBenchmark.javaCommand(null, args));
    command.addAll(1, jvm);
    return command;
  }

  private static String[] concat(String[] common, String... rest) {
    List<String> all = new ArrayList<>(List.of(common));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  /**
   * Writes the format benchmark's data set ({@code files} files of random sizes in [min, max]
   * bytes, seeded, {@code perRecord} a folder) and a {@code metadata.xml} in each folder, which
   * makes it a record; kept if already complete.
   */
  static void generate(Path root, int files, int perRecord, int min, int max) throws Exception {
    Path done = root.resolveSibling(String.format(Locale.ROOT, "%s.complete-%d-%d-%d-%d",
        root.getFileName(), files, perRecord, min, max));
    if (Files.exists(done)) {
      return;
    }
    FormatBenchmark.generate(root, files, perRecord, min, max);
    try (var folders = Files.list(root)) {
      for (Path folder : folders.sorted().toList()) {
        int n = Integer.parseInt(folder.getFileName().toString().substring(4));
        String id = String.format(Locale.ROOT, "F%03d-%06d", n % 20, n);
        Files.writeString(folder.resolve("metadata.xml"), ScanBenchmark.metadata(id, n, 20));
      }
    }
    Files.writeString(done, "");
  }
}
