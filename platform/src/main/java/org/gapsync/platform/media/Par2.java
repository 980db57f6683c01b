package org.gapsync.platform.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Recovery data against scratches, through par2cmdline: PAR2 files beside a volume's files
 * from which damaged or missing files are rebuilt, as long as no more than the share of blocks
 * the recovery data was made for is lost.
 *
 * <pre>{@code
 * Par2 par2 = Par2.find("recovery data (--recovery)");
 * par2.create(staging, "archive-lan-backup-000001.v1-of-3", 10, scratch);
 * Par2.Repair r = par2.repair(copyOfTheDisc, scratch).orElseThrow();
 * }</pre>
 */
public final class Par2 {
  /** The most source blocks one PAR2 set holds. */
  static final int MAX_BLOCKS = 32_768;
  /** The file name extension of recovery files. */
  public static final String EXTENSION = ".par2";

  private final ExternalTool tool;

  private Par2(ExternalTool tool) {
    this.tool = tool;
  }

  /**
   * Finds par2 for {@code purpose} (said in the message when it is missing).
   *
   * @throws MissingToolException when it is not installed
   */
  public static Par2 find(String purpose) throws MissingToolException {
    return new Par2(ExternalTool.find("par2", "par2", purpose));
  }

  /** The most recovery blocks a volume's recovery data has: its time grows with their number. */
  static final int MAX_RECOVERY_BLOCKS = 1024;

  /**
   * Returns the block size recovery data of {@code percent} per cent for {@code bytes} in
   * {@code files} files uses: 4 KiB (two disc sectors, so that a damaged sector costs one
   * block), or more when that would make more blocks than a PAR2 set holds, or more recovery
   * blocks than {@value #MAX_RECOVERY_BLOCKS}: making recovery data takes time in proportion to
   * the data times the recovery blocks.
   */
  public static long blockSize(long bytes, long files, int percent) {
    long blocks = MAX_BLOCKS - files - 16;
    long size = Math.max(4096, (bytes + blocks - 1) / Math.max(1, blocks));
    size = Math.max(size, bytes / 100 * percent / MAX_RECOVERY_BLOCKS);
    return (size + 4095) / 4096 * 4096;
  }

  /**
   * Makes recovery data of {@code percent} per cent over every file under {@code root}, into
   * {@code root/NAME.par2} and one {@code NAME.volNN+MM.par2}; their paths inside are relative
   * to {@code root}.
   */
  public void create(Path root, String name, int percent, Path scratch) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    if (files.size() > MAX_BLOCKS / 2) {
      throw new IOException("recovery data for " + files.size() + " files in one volume is "
          + "more than PAR2 holds (at most " + MAX_BLOCKS / 2 + " files); build with a smaller "
          + "--volume-size, or in the tar form, or with --recovery 0");
    }
    // The folders and files directly under root, par2 going down into the folders itself: a
    // volume's tens of thousands of paths never pass through one command line.
    List<String> args = new ArrayList<>(List.of("create", "-q", "-q", "-R", "-r" + percent,
        "-n1", "-s" + blockSize(bytes, files.size(), percent), "-B" + root.toAbsolutePath(),
        root.resolve(name + EXTENSION).toAbsolutePath().toString()));
    try (Stream<Path> s = Files.list(root)) {
      s.sorted().forEach(f -> args.add(f.toAbsolutePath().toString()));
    }
    ExternalTool.Run r = run(args, scratch);
    if (r.code() != 0) {
      throw new IOException("par2 could not make the recovery data of " + root + " (exit "
          + r.code() + "): " + r.tail());
    }
  }

  /**
   * What a repair found and did.
   *
   * @param repaired the files that were damaged or missing and are whole again
   * @param detail par2's words for it
   */
  public record Repair(List<String> repaired, String detail) {}

  /**
   * Checks every file under {@code root} that the recovery data {@code root/NAME.par2} (the
   * one such file there) covers, and rebuilds those damaged or missing; the recovery files and
   * the damaged copies are removed after. Returns empty when {@code root} holds no recovery
   * data.
   *
   * @throws org.gapsync.format.PackageFormatException when there is too much damage to repair
   */
  public Optional<Repair> repair(Path root, Path scratch) throws IOException {
    Optional<Path> index = index(root);
    if (index.isEmpty()) {
      return Optional.empty();
    }
    // Purged after a repair: the damaged files par2 kept as NAME.1, and the recovery files.
    ExternalTool.Run r = run(List.of("repair", "-p", "-B" + root.toAbsolutePath(),
        index.get().toAbsolutePath().toString()), scratch);
    List<String> damaged = new ArrayList<>();
    for (String line : r.lines()) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "^Target: \"(.*)\" - (damaged|missing)").matcher(line.strip());
      if (m.find()) {
        damaged.add(m.group(1));
      }
    }
    if (r.code() != 0) {
      throw new org.gapsync.format.PackageFormatException(root + ": " + damaged.size()
          + " files are damaged or missing, more than its recovery data can rebuild (par2 "
          + "exit " + r.code() + ": " + r.tail() + ")");
    }
    return Optional.of(new Repair(List.copyOf(damaged), r.tail()));
  }

  /** Returns the recovery index {@code NAME.par2} directly in {@code root}, if there is one. */
  public static Optional<Path> index(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(EXTENSION) && !n.matches(".*\\.vol[0-9]+\\+[0-9]+\\.par2");
      }).sorted().findFirst();
    }
  }

  private ExternalTool.Run run(List<String> args, Path scratch) throws IOException {
    return tool.runIn(scratch, args);
  }
}
