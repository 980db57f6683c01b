package org.gapsync.platform.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PassphraseTest {
  @TempDir
  Path dir;

  @Test
  void readsTheFirstLineOfTheFileAndClearsItWhenClosed() throws Exception {
    Path file = Files.writeString(dir.resolve("p"), "correct horse 马\r\nsecond line\n");
    char[] held;
    CommandLine cli = new CommandLine(CommandLine.Model.CommandSpec.create());
    try (Passphrase p = Passphrase.read(cli, Optional.of(file), "UNSET_VARIABLE", false)) {
      assertArrayEquals("correct horse 马".toCharArray(), p.chars());
      held = p.chars();
    }
    assertArrayEquals(new char[held.length], held, "cleared after use");
  }
}
