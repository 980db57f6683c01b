package org.gapsync.platform.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.gapsync.platform.UsageException;

/**
 * A file a command writes for people, named by one of its options (a report, a form): never
 * written over an earlier one, and never seen half written under its name, since it is
 * written beside it and renamed when whole.
 *
 * <pre>{@code
 * OutputFile report = OutputFile.of(out, "--out", "nothing was written");
 * report.check();
 * report.writeText(w -> w.write(html));
 * }</pre>
 *
 * @param file where it goes
 * @param option the option that named it, as the user typed it
 * @param unchanged what the error says was left undone when the file cannot be written
 */
public record OutputFile(Path file, String option, String unchanged) {
  /** Writes a file's bytes. */
  @FunctionalInterface
  public interface Bytes {
    /** Writes the content to {@code out}. */
    void write(OutputStream out) throws IOException;
  }

  /** Writes a file's text. */
  @FunctionalInterface
  public interface Text {
    /** Writes the content to {@code out}. */
    void write(Writer out) throws IOException;
  }

  /** Checks the parts. */
  public OutputFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(unchanged, "unchanged");
  }

  /** Returns the file {@code option} named. */
  public static OutputFile of(Path file, String option, String unchanged) {
    return new OutputFile(file, option, unchanged);
  }

  /**
   * Checks, before the command does anything, that the file can be written: it does not exist
   * yet, and its folder does.
   *
   * @throws UsageException if the file exists already
   * @throws NoSuchFileException if its folder does not exist
   */
  public void check() throws IOException {
    Path absolute = file.toAbsolutePath();
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      throw new UsageException(option + " " + file + " exists already: give a new name, or "
          + "move the earlier one away first; " + unchanged);
    }
    if (!Files.isDirectory(absolute.getParent())) {
      throw new NoSuchFileException(absolute.getParent().toString(), null, "the folder of "
          + option + " does not exist; create it first; " + unchanged);
    }
  }

  /** Writes the file with {@code content}, beside it first, then under its name. */
  public void write(Bytes content) throws IOException {
    check();
    Path absolute = file.toAbsolutePath();
    Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
        content.write(out);
      }
      // Not over a file that appeared meanwhile: the move fails if the name is taken.
      Files.move(partial, absolute);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** Writes the file with {@code content} as UTF-8 text, as {@link #write(Bytes)} does. */
  public void writeText(Text content) throws IOException {
    write(out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      content.write(w);
      w.flush();
    });
  }
}
