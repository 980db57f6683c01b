package org.gapsync.source.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gapsync.format.testing.Fixtures;

/** Runs the source's command line as a user would, on the home and passphrase in a folder. */
final class SourceCli {
  /** What one command printed and returned. */
  record Run(int code, String out, String err) {}

  private SourceCli() {}

  /** Runs {@code args} with {@code dir}'s {@code home} and {@code passphrase} file. */
  static Run run(Path dir, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    var cli = SourceCommand.commandLine(Fixtures.CLOCK);
    cli.setOut(new PrintWriter(o));
    cli.setErr(new PrintWriter(e));
    List<String> all = new ArrayList<>(List.of("--home", dir.resolve("home").toString(),
        "--passphrase-file", dir.resolve("passphrase").toString()));
    all.addAll(List.of(args));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, o.toString(), e.toString());
  }
}
