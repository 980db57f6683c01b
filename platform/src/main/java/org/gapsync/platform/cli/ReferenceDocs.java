package org.gapsync.platform.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes, from an application's command model, what the build ships beside it: its shell
 * completion script (bash, and zsh through {@code bashcompinit}) and a manual page for every
 * command (picocli's AsciiDoc, converted by Asciidoctor). Run by the build, not by users;
 * {@code bin/install-docs} installs the result.
 *
 * <pre>{@code
 * java ... org.gapsync.platform.cli.ReferenceDocs org.gapsync.source.cli.SourceCommand target/docs
 * }</pre>
 */
public final class ReferenceDocs {
  private ReferenceDocs() {}

  /**
   * Writes the completion script {@code OUT/completion/NAME}, the pages' sources under
   * {@code OUT/man-adoc} and the pages under {@code OUT/man} for the root command class {@code args[0]}, whose static
   * {@code commandLine(Clock, String)} makes its command line.
   */
  public static void main(String[] args) throws IOException, ReflectiveOperationException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ReferenceDocs ROOT_CLASS OUT_DIR");
    }
    CommandLine cli;
    try {
      cli = (CommandLine) Class.forName(args[0]).getMethod("commandLine", Clock.class,
          String.class).invoke(null, Clock.systemUTC(), "docs");
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot make the command line of " + args[0],
          e.getCause());
    }
    write(cli, Path.of(args[1]));
  }

  /** Writes the completion script and the man pages of {@code cli} under {@code out}. */
  static void write(CommandLine cli, Path out) throws IOException {
    String name = cli.getCommandName();
    Path completion = Files.createDirectories(out.resolve("completion"));
    Files.writeString(completion.resolve(name), AutoComplete.bash(name, cli),
        StandardCharsets.UTF_8);
    Path pages = Files.createDirectories(out.resolve("man-adoc"));
    int code = ManPageGenerator.generateManPage(pages.toFile(), null, new boolean[0], true,
        cli.getCommandSpec());
    if (code != 0) {
      throw new IOException("the man pages of " + name + " could not be written (" + code + ")");
    }
    Path man = Files.createDirectories(out.resolve("man"));
    try (Asciidoctor asciidoctor = Asciidoctor.Factory.create();
        var sources = Files.list(pages)) {
      for (Path page : sources.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
        asciidoctor.convertFile(page.toFile(), Options.builder().backend("manpage")
            .safe(SafeMode.SAFE).toDir(man.toFile()).build());
      }
    }
  }
}
