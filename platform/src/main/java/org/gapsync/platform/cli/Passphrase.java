package org.gapsync.platform.cli;

import java.io.Console;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The key's passphrase: from a file named on the command line, the environment, or a prompt on
 * a terminal. Never a command-line argument, which other users could read. It is held as
 * characters, never as a string, and cleared when closed.
 *
 * <pre>{@code
 * try (Passphrase p = root.passphrase(cli, false)) {
 *   SigningKey key = home.key(p.chars());
 * }
 * }</pre>
 */
public final class Passphrase implements AutoCloseable {
  // Longer than any passphrase a person types; a file longer than this is not a passphrase.
  private static final int MAX = 4096;

  private final char[] chars;

  private Passphrase(char[] chars) {
    this.chars = chars;
  }

  /**
   * Returns the passphrase from {@code file}, else the environment {@code variable}, else a
   * prompt (asked {@code twice} when a new key is made).
   */
  public static Passphrase read(CommandLine cli, Optional<Path> file, String variable,
      boolean twice) throws IOException {
    if (file.isPresent()) {
      return new Passphrase(firstLine(file.get()));
    }
    String env = System.getenv(variable);
    if (env != null && !env.isEmpty()) {
      return new Passphrase(env.toCharArray());
    }
    if (System.console() == null) {
      throw new CommandLine.ParameterException(cli, "no passphrase for the signing key: set "
          + variable + ", use --passphrase-file, or run on a terminal");
    }
    return prompt(cli, "passphrase of the signing key", twice, "the two passphrases differ");
  }

  /**
   * Returns a secret other than the key's passphrase, such as a console password: the first
   * line of {@code file}, else asked at the terminal as {@code what} ({@code twice} when it is
   * being set).
   */
  public static Passphrase secret(CommandLine cli, Optional<Path> file, String what,
      String option, boolean twice) throws IOException {
    if (file.isPresent()) {
      return new Passphrase(firstLine(file.get()));
    }
    if (System.console() == null) {
      throw new CommandLine.ParameterException(cli, "no " + what + ": use " + option
          + ", or run on a terminal");
    }
    return prompt(cli, what, twice, "the two entries of the " + what + " differ; nothing "
        + "was set");
  }

  /** Asks for the secret {@code what} at the terminal, {@code twice} if so, alike each time. */
  private static Passphrase prompt(CommandLine cli, String what, boolean twice, String differ) {
    Console console = System.console();
    char[] first = console.readPassword(what + ": ");
    if (twice) {
      char[] again = console.readPassword("again: ");
      boolean isSame = Arrays.equals(first, again);
      Arrays.fill(again, '\0');
      if (!isSame) {
        Arrays.fill(first, '\0');
        throw new CommandLine.ParameterException(cli, differ);
      }
    }
    return new Passphrase(first);
  }

  /** Returns the characters of the passphrase, valid until it is closed. */
  public char[] chars() {
    return chars;
  }

  /** Overwrites the passphrase in memory. */
  @Override
  public void close() {
    Arrays.fill(chars, '\0');
  }

  /** Reads the file's first line into characters, without a string between. */
  private static char[] firstLine(Path file) throws IOException {
    char[] buffer = new char[MAX];
    int n = 0;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (int c; n < MAX && (c = in.read()) != -1 && c != '\n' && c != '\r'; ) {
        buffer[n++] = (char) c;
      }
    }
    char[] line = Arrays.copyOf(buffer, n);
    Arrays.fill(buffer, '\0');
    return line;
  }
}
