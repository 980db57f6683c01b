package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.source.cli.SourceCommand;
import org.gapsync.target.cli.TargetCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A home given to the other platform's application is named for what it is, and nothing in it
 * is touched: not its ledger, not even to record the refusal.
 */
class WrongHomeTest {
  private static final String ME = System.getProperty("user.name");

  @TempDir
  Path dir;

  private String err;

  private int run(CommandLine cli, Path home, String... args) throws IOException {
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
    StringWriter e = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(e));
    int code = cli.execute(Stream.concat(Stream.of("--home", home.toString(),
        "--passphrase-file", dir.resolve("passphrase").toString()), Stream.of(args))
        .toArray(String[]::new));
    err = e.toString();
    return code;
  }

  private static String digestOf(Path folder) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(f));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void eachApplicationNamesTheOthersHomeAndLeavesItAsItWas() throws Exception {
    Path source = dir.resolve("source-home");
    Path target = dir.resolve("target-home");
    assertEquals(0, run(SourceCommand.commandLine(Clock.systemUTC(), ME), source, "init",
        "--id", "archive-lan"), err);
    assertEquals(0, run(TargetCommand.commandLine(Clock.systemUTC(), ME), target, "init",
        "--id", "reading-room"), err);
    String sourceBefore = digestOf(source);
    String targetBefore = digestOf(target);

    for (List<String> args : List.of(List.of("queue"), List.of("ledger", "verify"))) {
      int code = run(SourceCommand.commandLine(Clock.systemUTC(), ME), target,
          args.toArray(String[]::new));
      assertEquals(ExitCodes.IO, code, err);
      assertTrue(err.equals("error: " + target + ": the home of a target platform, not of a "
          + "source platform; run 'target-platform' on it, or give source-platform its own "
          + "--home; nothing was changed\n"), err);
    }
    int code = run(TargetCommand.commandLine(Clock.systemUTC(), ME), source, "status");
    assertEquals(ExitCodes.IO, code, err);
    assertTrue(err.contains("the home of a source platform, not of a target platform; run "
        + "'source-platform' on it"), err);

    assertEquals(sourceBefore, digestOf(source), "the source home is untouched");
    assertEquals(targetBefore, digestOf(target), "the target home is untouched");
  }
}
