package org.gapsync.platform.ferry;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * What a ferry's last round did, kept in its home ({@code ferry/last-round.properties}) for
 * {@code status}: when it ran, its summary line, and how many files its folder held that had not
 * yet arrived whole.
 *
 * @param at when the round ended
 * @param summary what it did, as its log's round line says it
 * @param notWhole the files left in the folder it reads that had not arrived whole
 */
public record FerryStatus(Instant at, String summary, int notWhole) {
  private static final String FILE = "last-round.properties";

  /** Writes this status into the ferry folder {@code dir} of a home, whole. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Properties p = new Properties();
    p.setProperty("at", at.toString());
    p.setProperty("summary", summary);
    p.setProperty("notWhole", Integer.toString(notWhole));
    Path partial = dir.resolve("." + FILE + ".partial");
    try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      p.store(w, "the last round of this home's ferry");
    }
    Files.move(partial, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Returns the last round's status kept in the ferry folder {@code dir}, if a ferry ran. */
  public static Optional<FerryStatus> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    try {
      return Optional.of(new FerryStatus(Instant.parse(p.getProperty("at", "")),
          p.getProperty("summary", ""), Integer.parseInt(p.getProperty("notWhole", "0"))));
    } catch (DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
