package org.gapsync.platform.media;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A program of the system run as a child process: found on the {@code PATH}, its output kept
 * in a temporary file (never in memory whole) and its last lines given back for messages.
 */
final class ExternalTool {
  /** How many of a run's last output lines a failure quotes. */
  private static final int QUOTED = 6;

  private final Path program;

  private ExternalTool(Path program) {
    this.program = program;
  }

  /**
   * What a run printed and how it ended.
   *
   * @param code the exit code
   * @param lastLines the last lines of output, for a message
   * @param lines every line of output when it was short (a report), else none
   */
  record Run(int code, List<String> lastLines, List<String> lines) {
    /** Returns the last lines in one line, for a message. */
    String tail() {
      return String.join(" / ", lastLines);
    }
  }

  /**
   * Finds {@code name} on the {@code PATH}.
   *
   * @throws MissingToolException naming {@code debian}, the package that installs it
   */
  static ExternalTool find(String name, String debian, String purpose)
      throws MissingToolException {
    return locate(name).map(ExternalTool::new).orElseThrow(() -> new MissingToolException(name,
        debian, purpose));
  }

  /** Returns whether {@code name} is on the {@code PATH}. */
  static boolean isInstalled(String name) {
    return locate(name).isPresent();
  }

  private static Optional<Path> locate(String name) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the program with {@code args}, its output (both streams) into a temporary file in
   * {@code scratch}, removed after, and returns how it ended.
   */
  Run runIn(Path scratch, List<String> args) throws IOException {
    Files.createDirectories(scratch);
    Path log = Files.createTempFile(scratch, "." + program.getFileName() + "-", ".log");
    try {
      return run(args, log);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * Runs the program with {@code args}, its output (both streams) into {@code log}, and returns
   * how it ended; an interrupted wait stops the program.
   */
  Run run(List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(
            Path.of("/dev/null").toFile())).start();
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(program.getFileName() + " was stopped");
    }
    List<String> lines = Files.size(log) > (1 << 20) ? List.of() : lines(log);
    return new Run(code, lastLines(log), lines);
  }

  private static List<String> lines(Path log) throws IOException {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      return List.of();
    }
  }

  private static List<String> lastLines(Path log) throws IOException {
    java.util.ArrayDeque<String> last = new java.util.ArrayDeque<>();
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      lines.map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> {
        last.addLast(l);
        if (last.size() > QUOTED) {
          last.removeFirst();
        }
      });
    } catch (java.io.UncheckedIOException e) {
      // Output that is not UTF-8: quote none of it rather than fail the run's report.
      return List.of();
    }
    return List.copyOf(last);
  }
}
