package org.gapsync.platform.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageFormatException;
import org.gapsync.platform.Plural;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.media.Par2;
import org.gapsync.platform.media.Xorriso;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code package repair}: rebuilds the files of a volume that scratches or bad sectors
 * damaged, from the recovery data ({@code --recovery}) its disc carries.
 */
@Permitted({Role.ARCHIVIST, Role.OPERATOR})
@Command(name = "repair", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  ${ROOT-COMMAND-NAME} package repair /srv/discs/archive-lan-backup-000007.v2-of-4.iso "
            + "--out /srv/repaired",
        "  ${ROOT-COMMAND-NAME} package repair /srv/copy-of-disc-2"},
    description = {"Rebuilds the damaged or missing files of a volume from the recovery data "
        + "its disc carries: a disc image (IMAGE.iso, its files copied into --out first) or a "
        + "folder holding a disc's files (repaired in place). The repaired volume then "
        + "verifies and imports as written.",
        "'package import' does this by itself for a disc image whose checksums fail."})
public final class RepairCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "VOLUME", description = "A disc image (.iso), or a folder holding "
      + "a disc's files: the bag and its .par2 files.")
  private Path volume;

  @Option(names = "--out", paramLabel = "DIR", description = "For a disc image: the new folder "
      + "to copy its files into and repair there.")
  private Path out;

  @Override
  public Integer call() throws Exception {
    PlatformRoot root = PlatformRoot.of(spec);
    Path scratch = root.home().scratchFolder();
    PrintWriter w = spec.commandLine().getOut();
    Path folder = volume;
    if (Files.isRegularFile(volume)) {
      if (out == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), volume + " is a disc "
            + "image: name with --out DIR the new folder to copy its files into and repair");
      }
      if (Files.exists(out)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out
            + " exists; name a new folder");
      }
      Xorriso xorriso = Xorriso.find("reading disc images");
      try {
        xorriso.checkImage(Xorriso.stdio(volume), scratch);
        w.println(volume + ": its checksums match; nothing is damaged");
      } catch (PackageFormatException e) {
        w.println(volume + ": " + e.getMessage());
      }
      xorriso.extract(Xorriso.stdio(volume), out, scratch);
      folder = out;
    } else if (out != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--out is for a disc image; "
          + volume + " is a folder, repaired in place");
    }
    Optional<Par2.Repair> r = Par2.find("repairing volumes from their recovery data")
        .repair(folder, scratch);
    if (r.isEmpty()) {
      throw new PackageFormatException(volume + " carries no recovery data (.par2 files): "
          + "nothing to repair it from; ask the source for the volume again");
    }
    w.println(r.get().repaired().isEmpty() ? folder + ": every file is whole; nothing to repair"
        : folder + ": " + Plural.of(r.get().repaired().size(), "file") + " repaired from the "
            + "recovery data: " + String.join(", ", r.get().repaired()));
    w.println("import it with 'package import " + folder + "', or check it with "
        + "bin/package-verify");
    return ExitCodes.OK;
  }
}
