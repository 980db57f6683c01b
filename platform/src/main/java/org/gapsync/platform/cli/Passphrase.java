package org.gapsync.platform.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The key's passphrase: from a file named on the command line, the environment, or a prompt on
 * a terminal. Never a command-line argument, which other users could read.
 */
public final class Passphrase {
  private Passphrase() {}

  /**
   * Returns the passphrase from {@code file}, else the environment {@code variable}, else a
   * prompt (asked {@code twice} when a new key is made).
   */
  public static char[] read(CommandLine cli, Optional<Path> file, String variable, boolean twice)
      throws IOException {
    if (file.isPresent()) {
      String text = Files.readString(file.get(), StandardCharsets.UTF_8);
      return text.lines().findFirst().orElse("").toCharArray();
    }
    String env = System.getenv(variable);
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new CommandLine.ParameterException(cli, "no passphrase for the signing key: set "
          + variable + ", use --passphrase-file, or run on a terminal");
    }
    char[] first = console.readPassword("passphrase of the signing key: ");
    if (twice && !java.util.Arrays.equals(first, console.readPassword("again: "))) {
      throw new CommandLine.ParameterException(cli, "the two passphrases differ");
    }
    return first;
  }
}
