package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes get the exit code {@code docs/cli.md} gives them, with one line that says what to
 * do, and change nothing.
 */
class DocumentedExitCodesTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void home() throws Exception {
    SourceCli.homeWithDestination(dir, "reading-room", "reading-room.xml",
        Fixtures.key("reading-room"));
    Files.createDirectories(dir.resolve("medium"));
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("a certificate file that is not there", ExitCodes.USAGE,
            "no such file or folder; give the certificate file",
            new String[] {"trust", "add", "--id", "backup", "--cert", "/no/such.pem"}),
        Arguments.of("this platform's own certificate to trust", ExitCodes.USAGE,
            "is this platform's own certificate, not backup's",
            new String[] {"trust", "add", "--id", "backup", "--cert", "HOME/certificate.pem"}),
        Arguments.of("an unknown record to query", ExitCodes.USAGE, "unknown record NOPE",
            new String[] {"ledger", "query", "--archival-id", "NOPE"}),
        Arguments.of("an unknown destination to query", ExitCodes.USAGE,
            "unknown destination nowhere",
            new String[] {"ledger", "query", "--destination", "nowhere"}),
        Arguments.of("an unknown record's history", ExitCodes.USAGE, "unknown record NOPE",
            new String[] {"ledger", "history", "NOPE"}),
        Arguments.of("an unknown record to cancel", ExitCodes.USAGE, "unknown record NOPE",
            new String[] {"ledger", "cancel", "--archival-id", "NOPE", "--destination",
                "reading-room"}),
        Arguments.of("a negative --max-bytes", ExitCodes.USAGE,
            "--max-bytes must be at least 1, not -5",
            new String[] {"package", "build", "--destination", "reading-room", "--to",
                "MEDIUM", "--max-bytes", "-5"}),
        Arguments.of("a receipt that is not there", ExitCodes.IO, "/no/such/receipt",
            new String[] {"receipt", "ingest", "/no/such/receipt"}),
        Arguments.of("an unknown destination to remove", ExitCodes.USAGE,
            "unknown destination nowhere",
            new String[] {"destination", "remove", "--id", "nowhere"}));
  }

  @ParameterizedTest(name = "{0}: exit {1}")
  @MethodSource("mistakes")
  void exitsAsDocumentedWithOneLine(String what, int code, String says, String[] args) {
    String[] resolved = Stream.of(args).map(a -> a.replace("HOME", dir.resolve("home")
        .toString()).replace("MEDIUM", dir.resolve("medium").toString()))
        .toArray(String[]::new);

    SourceCli.Run r = SourceCli.run(dir, resolved);

    assertEquals(code, r.code(), what + ": " + r.out() + r.err());
    assertTrue(r.err().startsWith("error: ") && r.err().contains(says), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
