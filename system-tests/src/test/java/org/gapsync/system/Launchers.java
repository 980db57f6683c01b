package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/source-platform} and {@code bin/target-platform} in child processes, as an
 * operator's shell would, from a working folder of the test; passphrases come from the
 * environment as documented.
 */
final class Launchers {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  private final Path work;
  private final java.util.Map<String, String> environment;

  Launchers(Path work) {
    this(work, java.util.Map.of());
  }

  private Launchers(Path work, java.util.Map<String, String> environment) {
    this.work = work;
    this.environment = environment;
  }

  /** Returns launchers that run their commands with {@code variables} added to the environment. */
  Launchers with(java.util.Map<String, String> variables) {
    var all = new java.util.HashMap<>(environment);
    all.putAll(variables);
    return new Launchers(work, java.util.Map.copyOf(all));
  }

  /** The outcome of one command: its exit code and what it printed on each stream. */
  record Run(int code, String out, String err) {
    String all() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }

    Run expect(int expected) {
      assertEquals(expected, code, all());
      return this;
    }

    Run says(String text) {
      assertTrue((out + err).contains(text), "expected \"" + text + "\" in\n" + all());
      return this;
    }
  }

  /**
   * Makes the source home {@code source} (platform {@code archive-lan}) and the target home
   * {@code backup} (platform {@code backup}) that trust each other, this user archivist at the
   * one and operator at the other, and adds the destination {@code backup} with the example
   * backup template.
   */
  Launchers pair() throws IOException, InterruptedException {
    return pair("backup.xml");
  }

  /** Makes the pair as {@link #pair()} does, the destination with the example {@code template}. */
  Launchers pair(String template) throws IOException, InterruptedException {
    String me = System.getProperty("user.name");
    source("source", "init", "--id", "archive-lan").expect(0);
    source("source", "user", "add", me, "--role", "archivist").expect(0);
    source("source", "cert", "export", "--out", "archive-lan.pem").expect(0);
    target("backup", "init", "--id", "backup").expect(0);
    target("backup", "user", "add", me, "--role", "operator").expect(0);
    target("backup", "cert", "export", "--out", "backup.pem").expect(0);
    target("backup", "trust", "add", "--id", "archive-lan", "--cert", "archive-lan.pem")
        .expect(0);
    source("source", "destination", "add", "--id", "backup", "--template",
        ROOT.resolve("docs/examples").resolve(template).toString(), "--cert", "backup.pem")
        .expect(0);
    return this;
  }

  /** Runs the source platform with its home in {@code home} under the working folder. */
  Run source(String home, String... args) throws IOException, InterruptedException {
    return run("bin/source-platform", home, args);
  }

  /** Runs the target platform with its home in {@code home} under the working folder. */
  Run target(String home, String... args) throws IOException, InterruptedException {
    return run("bin/target-platform", home, args);
  }

  /** Returns the source ledger's rows for a destination as "archivalId state attempts". */
  List<String> ledger(String home, String destination) throws Exception {
    Run r = source(home, "ledger", "query", "--destination", destination, "--format", "csv")
        .expect(0);
    List<String> header = List.of(r.out().lines().findFirst().orElseThrow().split(","));
    int id = header.indexOf("archivalId");
    int state = header.indexOf("state");
    int attempts = header.indexOf("attempts");
    return r.out().lines().skip(1).map(l -> l.split(","))
        .map(c -> c[id] + " " + c[state] + " " + c[attempts]).sorted().toList();
  }

  /** Returns the names in a folder of the working folder, in order; none if it is missing. */
  List<String> list(String folder) throws IOException {
    Path base = work.resolve(folder);
    if (!Files.exists(base)) {
      return List.of();
    }
    try (var s = Files.list(base)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Returns the files under a folder of the working folder, relative to it, in order. */
  List<String> files(String folder) throws IOException {
    Path base = work.resolve(folder);
    if (!Files.exists(base)) {
      return List.of();
    }
    try (var s = Files.walk(base)) {
      return s.filter(Files::isRegularFile).map(p -> base.relativize(p).toString()).sorted()
          .toList();
    }
  }

  private Run run(String launcher, String home, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve(launcher).toString(),
        "--home", home));
    command.addAll(List.of(args));
    return command(command.toArray(String[]::new));
  }

  /** Runs any command in the working folder, with the environment the launchers are given. */
  Run command(String... command) throws IOException, InterruptedException {
    return start(command).await();
  }

  /** A command started in a child process, still running. */
  static final class Running {
    private final List<String> command;
    private final Process process;
    private final Path out;
    private final Path err;

    private Running(List<String> command, Process process, Path out, Path err) {
      this.command = command;
      this.process = process;
      this.out = out;
      this.err = err;
    }

    /** Returns the process: the launcher's shell has replaced itself with the JVM. */
    Process process() {
      return process;
    }

    /** Waits until the command has a file open whose path contains {@code part}. */
    void awaitOpen(String part) throws IOException, InterruptedException {
      Path fds = Path.of("/proc", Long.toString(process.pid()), "fd");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new AssertionError("the command ended before it opened " + part + ":\n"
              + await().all());
        }
        try (var s = Files.list(fds)) {
          for (Path fd : s.toList()) {
            if (isOpenOn(fd, part)) {
              return;
            }
          }
        } catch (IOException ended) {
          // The process ended while its files were listed: the next round says so.
        }
        Thread.sleep(5);
      }
      throw new AssertionError(String.join(" ", command) + " never opened " + part);
    }

    private static boolean isOpenOn(Path fd, String part) {
      try {
        return Files.readSymbolicLink(fd).toString().contains(part);
      } catch (IOException closed) {
        return false;
      }
    }

    /** Returns what the command has printed on its standard output so far. */
    String outSoFar() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Waits for the command to end and returns what it did. */
    Run await() throws IOException, InterruptedException {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
      }
      Run r = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return r;
    }
  }

  /** Starts the source platform with its home in {@code home}, without waiting for it. */
  Running startSource(String home, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("bin/source-platform")
        .toString(), "--home", home));
    command.addAll(List.of(args));
    return start(command.toArray(String[]::new));
  }

  /** Starts the target platform with its home in {@code home}, without waiting for it. */
  Running startTarget(String home, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("bin/target-platform")
        .toString(), "--home", home));
    command.addAll(List.of(args));
    return start(command.toArray(String[]::new));
  }

  private Running start(String... command) throws IOException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    // The reactor has built both applications; the launchers must not build again.
    pb.environment().put("GAPSYNC_NO_BUILD", "1");
    pb.environment().put("SOURCE_PLATFORM_PASSPHRASE", "source-secret");
    pb.environment().put("TARGET_PLATFORM_PASSPHRASE", "target-secret");
    // The commands of these tests are short, on small data: the quick compiler alone is faster.
    pb.environment().put("GAPSYNC_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
    pb.environment().putAll(environment);
    return new Running(List.of(command), pb.start(), out, err);
  }
}
