package org.gapsync.source.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gapsync.format.TemplateInvalidException;
import org.gapsync.format.template.Template;
import org.gapsync.format.template.TemplateReader;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code template}: destination templates. */
@Command(name = "template", mixinStandardHelpOptions = true,
    description = "Destination templates.", subcommands = TemplateCommand.Check.class)
final class TemplateCommand {
  /** {@code template check FILE}. */
  @Permitted({Role.ADMIN, Role.ARCHIVIST})
  @Command(name = "check", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform template check docs/examples/reading-room.xml"},
      description = "Checks a template against template.xsd and its rules; lists every "
          + "violation.")
  static final class Check implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE.xml", description = "The template to check.")
    private Path file;

    @Override
    public Integer call() throws Exception {
      try {
        Template t = TemplateReader.read(file);
        spec.commandLine().getOut().println(file + ": valid template " + t.id() + " version "
            + t.version() + " (" + t.purpose().name().toLowerCase(java.util.Locale.ROOT) + ", "
            + (t.encapsulation().extension().isEmpty() ? "folder"
                : t.encapsulation().extension().substring(1)) + ")");
        return ExitCodes.OK;
      } catch (TemplateInvalidException e) {
        e.violations().forEach(v -> spec.commandLine().getOut().println(v));
        spec.commandLine().getErr().println("error: " + file + ": " + e.violations().size()
            + " violation" + (e.violations().size() == 1 ? "" : "s") + "; fix them and check "
            + "again");
        return ExitCodes.INVALID;
      }
    }
  }
}
