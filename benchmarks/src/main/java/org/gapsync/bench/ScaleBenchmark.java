package org.gapsync.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scale benchmark of {@code docs/benchmarks.md}: the whole loop on N generated records (two
 * files each), stage by stage, each command run as a user runs it, through the launchers with
 * {@code GAPSYNC_JAVA_OPTS=-XmxHEAP}, under {@code /usr/bin/time -v} for its wall time and peak
 * resident memory, beside the floors the targets are measured against ({@code find}, {@code tar}
 * and {@code openssl dgst} over the same files). A stage that fails (a full heap, say) is
 * reported as such, and the stages that need it are skipped.
 *
 * <pre>{@code
 * bin/bench-scale --records 100000 --heap 256m --work /tmp/gapsync-scale
 * }</pre>
 */
public final class ScaleBenchmark {
  private final Path bin;
  private final Path work;
  private final String heap;
  private final String ledger;
  private final List<String> rows = new ArrayList<>();
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private int failures;

  private ScaleBenchmark(Path bin, Path work, String heap, String ledger) {
    this.bin = bin;
    this.work = work;
    this.heap = heap;
    this.ledger = ledger;
  }

  /**
   * Runs the benchmark; options {@code --bin DIR --work DIR --records N --heap SIZE},
   * {@code --through scan} to stop after the scans, the queue and the ledger queries, and
   * {@code --ledger postgresql} to keep the source's ledger in a new database on the server
   * {@code bin/bench-postgres start} started.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].substring(2), args[i + 1]);
    }
    int records = Integer.parseInt(o.getOrDefault("records", "100000"));
    Path bin = Path.of(o.getOrDefault("bin", "bin")).toAbsolutePath();
    ScaleBenchmark b = new ScaleBenchmark(bin,
        Path.of(o.getOrDefault("work", "/tmp/gapsync-scale")).toAbsolutePath(),
        o.getOrDefault("heap", "256m"), o.getOrDefault("ledger", "embedded"));
    b.run(records, !o.getOrDefault("through", "all").equals("scan"));
    System.exit(b.failures == 0 ? 0 : 3);
  }

  private void run(int records, boolean isWholeLoop) throws Exception {
    Timed.requireTime();
    Path holdings = work.resolve("holdings");
    ScanBenchmark.generate(holdings, records);
    for (String old : List.of("source", "target", "medium", "copy", "extract")) {
      Timed.shell("rm -rf " + work.resolve(old));
    }
    Files.createDirectories(work.resolve("medium"));
    Files.writeString(work.resolve("passphrase"), "bench\n");
    setUp();
    String files = (records * 2L) + " files";
    stage("holdings scan, first", "source", "holdings", "scan", holdings.toString());
    // Twice, the second timed: the first pays for what the scan before it evicted.
    String find = "find " + holdings + " -type f -printf '%s %T@\\n' >/dev/null";
    Timed.shell(find);
    floor("find ROOT -type f -printf '%s %T@'", find);
    stage("holdings scan, unchanged", "source", "holdings", "scan", holdings.toString());
    int changed = change(holdings, records);
    stage("holdings scan, " + changed + (changed == 1 ? " record" : " records") + " changed",
        "source", "holdings", "scan",
        holdings.toString());
    stage("queue", "source", "queue");
    if (isWholeLoop) {
      loop(files);
    }
    String id = String.format(Locale.ROOT, "F%03d-%06d", (records / 2) % 50, records / 2);
    stage("ledger query --archival-id", "source", "ledger", "query", "--archival-id", id);
    stage("ledger history", "source", "ledger", "history", id);
    if (isWholeLoop) {
      stage("ledger export-premis", "source", "ledger", "export-premis", "--out",
          work.resolve("premis.xml").toString());
    }
    print(records, holdings);
  }

  /** Builds, imports, ingests and verifies, beside the floors of build and import. */
  private void loop(String files) throws Exception {
    Path holdings = work.resolve("holdings");
    floor("floor: tar cf - \\| tar xf -, sha256 of the holdings and of the copy",
        "mkdir -p " + work.resolve("copy") + " && tar cf - -C " + holdings + " . | tar xf - -C "
            + work.resolve("copy") + " && sync && " + hashAll(holdings) + " && "
            + hashAll(work.resolve("copy")));
    if (stage("package build (" + files + ")", "source", "package", "build", "--destination",
        "backup", "--to", work.resolve("medium").toString())) {
      Path pkg = only(work.resolve("medium"));
      floor("floor: tar xf, sha256 of every extracted file", "mkdir -p "
          + work.resolve("extract") + " && tar xf " + pkg + " -C " + work.resolve("extract")
          + " && sync && " + hashAll(work.resolve("extract")));
      if (stage("package import", "target", "package", "import", pkg.toString(),
          "--receipt-to", work.resolve("receipts").toString())) {
        stage("receipt ingest", "source", "receipt", "ingest",
            work.resolve("receipts").toString());
        stage("replica verify", "target", "replica", "verify");
      }
    }
  }

  private void setUp() throws Exception {
    String me = System.getProperty("user.name");
    Path sourcePem = work.resolve("source.pem");
    Path targetPem = work.resolve("target.pem");
    List<String> init = new ArrayList<>(List.of("init", "--id", "bench-source"));
    init.addAll(BenchLedger.initOptions(ledger, bin));
    check("source", init.toArray(String[]::new));
    check("source", "user", "add", me, "--role", "archivist");
    check("source", "cert", "export", "--out", sourcePem.toString());
    check("target", "init", "--id", "backup");
    check("target", "user", "add", me, "--role", "operator");
    check("target", "cert", "export", "--out", targetPem.toString());
    check("target", "trust", "add", "--id", "bench-source", "--cert", sourcePem.toString());
    check("source", "destination", "add", "--id", "backup", "--template",
        bin.resolveSibling("docs/examples/backup.xml").toString(), "--cert",
        targetPem.toString());
  }

  /** Appends a line to the content of one record in a thousand; returns how many. */
  private static int change(Path holdings, int records) throws Exception {
    int changed = 0;
    for (int i = 0; i < records; i += 1000) {
      String id = String.format(Locale.ROOT, "F%03d-%06d", i % 50, i);
      Files.writeString(holdings.resolve(String.format(Locale.ROOT, "F%03d/%04d/%s/content.txt",
          i % 50, 1950 + i % 70, id)), "edited\n", StandardOpenOption.APPEND);
      changed++;
    }
    return changed;
  }

  private static String hashAll(Path root) {
    return "find " + root + " -type f -print0 | xargs -0 cat | openssl dgst -sha256 >/dev/null";
  }

  private void check(String platform, String... args) throws Exception {
    Timed m = measure(command(platform, args));
    if (m.code() != 0) {
      throw new IllegalStateException(platform + " " + String.join(" ", args) + ": exit "
          + m.code() + "\n" + m.output());
    }
  }

  /** Runs one stage of the loop; returns whether it succeeded. */
  private boolean stage(String name, String platform, String... args) throws Exception {
    Timed m = measure(command(platform, args));
    boolean isOk = m.code() == 0 || m.code() == 3 && name.equals("replica verify");
    String note = isOk ? "" : "exit " + m.code() + ": " + lastLine(m.output());
    if (isOk) {
      seconds.put(name, m.seconds());
    } else {
      failures++;
    }
    rows.add(String.format(Locale.ROOT, "| %s | %.1f | %d | %s |", name, m.seconds(),
        m.peakKib() / 1024, note));
    System.err.println(rows.get(rows.size() - 1));
    return isOk;
  }

  private void floor(String name, String script) throws Exception {
    Timed m = measure(List.of("bash", "-c", script));
    seconds.put(name, m.seconds());
    rows.add(String.format(Locale.ROOT, "| %s | %.1f | %d | %s |", name, m.seconds(),
        m.peakKib() / 1024, m.code() == 0 ? "" : "exit " + m.code()));
    System.err.println(rows.get(rows.size() - 1));
  }

  private List<String> command(String platform, String... args) {
    List<String> c = new ArrayList<>(List.of(bin.resolve(platform + "-platform").toString(),
        "--home", work.resolve(platform).toString(), "--passphrase-file",
        work.resolve("passphrase").toString()));
    c.addAll(List.of(args));
    return c;
  }

  private Timed measure(List<String> command) throws Exception {
    return Timed.run(command, heap, work.resolve("time.txt"));
  }

  private static Path only(Path folder) throws Exception {
    try (var s = Files.list(folder)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst()
          .orElseThrow();
    }
  }

  private static String lastLine(String output) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).replace('|', '/');
  }

  private void print(int records, Path holdings) throws Exception {
    // The files' own bytes: du would count every record's folder (4 KiB each) as well.
    Process sum = new ProcessBuilder("bash", "-c", "find " + holdings + " -type f -printf "
        + "'%s\\n' | awk '{ s += $1 } END { printf \"%d\", s }'").start();
    long bytes = Long.parseLong(new String(sum.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8).strip());
    System.out.printf(Locale.ROOT, "%n### %,d records, %,d files (%.1f MB), heap -Xmx%s, "
        + "source ledger %s%n%n", records, records * 2L, bytes / 1e6, heap,
        BenchLedger.describe(ledger));
    System.out.println("| stage | seconds | peak RSS MiB | note |");
    System.out.println("|---|---:|---:|---|");
    rows.forEach(System.out::println);
    ratio("unchanged scan / find", "holdings scan, unchanged", "find ROOT -type f -printf "
        + "'%s %T@'");
    ratio("build / its floor", "package build (" + (records * 2L) + " files)",
        "floor: tar cf - \\| tar xf -, sha256 of the holdings and of the copy");
    ratio("import / its floor", "package import", "floor: tar xf, sha256 of every extracted "
        + "file");
    ratio("receipt ingest / unchanged scan", "receipt ingest", "holdings scan, unchanged");
    ratio("first scan, records/s", records, "holdings scan, first");
  }

  private void ratio(String name, String over, String under) {
    if (seconds.containsKey(over) && seconds.containsKey(under)) {
      System.out.printf(Locale.ROOT, "%n%s = %.2f", name, seconds.get(over) / seconds.get(under));
    }
  }

  private void ratio(String name, int records, String stage) {
    if (seconds.containsKey(stage)) {
      System.out.printf(Locale.ROOT, "%n%s = %.0f%n", name, records / seconds.get(stage));
    }
  }
}
