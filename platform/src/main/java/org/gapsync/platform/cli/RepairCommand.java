package org.gapsync.platform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.parity.ParityRebuild;
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
 * damaged, from the recovery data ({@code --recovery}) its disc carries; or, with
 * {@code --rebuild K}, a volume of a set lost whole, from the set's parity volume and every
 * other volume.
 */
@Permitted({Role.ARCHIVIST, Role.OPERATOR})
@Command(name = "repair", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  ${ROOT-COMMAND-NAME} package repair /srv/discs/archive-lan-backup-000007.v2-of-4.iso "
            + "--out /srv/repaired",
        "  ${ROOT-COMMAND-NAME} package repair /srv/copy-of-disc-2",
        "  ${ROOT-COMMAND-NAME} package repair --rebuild 3 "
            + "/srv/discs/archive-lan-backup-000007.parity-of-4.iso "
            + "/srv/discs/archive-lan-backup-000007.v{1,2,4}-of-4.iso --out /srv/rebuilt"},
    description = {"Rebuilds the damaged or missing files of a volume from the recovery data "
        + "its disc carries: a disc image (IMAGE.iso, its files copied into --out first) or a "
        + "folder holding a disc's files (repaired in place). The repaired volume then "
        + "verifies and imports as written.",
        "'package import' does this by itself for a disc image whose checksums fail.",
        "With --rebuild K: rebuilds volume K of a set, lost or unreadable whole, from the set's "
            + "parity volume (its image, or a folder of its files) and every other volume of "
            + "the set (their images or files, under any name), into --out DIR under its own "
            + "name, checked against its digest as written."})
public final class RepairCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "VOLUME", arity = "1..*", description = "A disc image (.iso), or a "
      + "folder holding a disc's files: the bag and its .par2 files. With --rebuild: the "
      + "parity volume first, then every other volume of the set.")
  private List<Path> volumes;

  @Option(names = "--out", paramLabel = "DIR", description = "For a disc image: the new folder "
      + "to copy its files into and repair there. With --rebuild: the folder to write the "
      + "rebuilt volume into.")
  private Path out;

  @Option(names = "--rebuild", paramLabel = "K", description = "Rebuild volume K of a set, "
      + "lost whole, from its parity volume and the others.")
  private Integer rebuild;

  @Override
  public Integer call() throws Exception {
    PlatformRoot root = PlatformRoot.of(spec);
    Path scratch = root.home().scratchFolder();
    PrintWriter w = spec.commandLine().getOut();
    if (rebuild != null) {
      return rebuild(scratch, w);
    }
    if (volumes.size() > 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give one volume to repair "
          + "(or --rebuild K with the parity volume and the others)");
    }
    Path volume = volumes.get(0);
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

  /** Rebuilds volume {@link #rebuild} from the parity volume and the others given. */
  private int rebuild(Path scratch, PrintWriter w) throws IOException {
    if (out == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rebuild needs --out DIR: "
          + "the folder to write the rebuilt volume into");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is not "
          + "a folder");
    }
    Path parity = volumes.get(0);
    Path extracted = null;
    try {
      if (Files.isRegularFile(parity)) {
        // A parity volume's disc image: its files copied out, checked on the way.
        Xorriso xorriso = Xorriso.find("reading disc images");
        xorriso.checkImage(Xorriso.stdio(parity), scratch);
        extracted = scratch.resolve(".parity-" + ProcessHandle.current().pid());
        FileTrees.delete(extracted);
        xorriso.extract(Xorriso.stdio(parity), extracted, scratch);
      }
      Files.createDirectories(out);
      ParityRebuild.Rebuilt r = ParityRebuild.rebuild(extracted == null ? parity : extracted,
          rebuild, volumes.subList(1, volumes.size()), out);
      w.println("volume " + rebuild + " of " + r.index().count() + " of package "
          + r.index().packageId() + " rebuilt from the parity volume and the other "
          + Plural.of(r.index().count() - 1, "volume") + ": " + r.file() + " ("
          + Plural.of(r.volume().bytes(), "byte") + ", " + r.volume().digest() + " as written)");
      w.println("import it with 'package import " + r.file() + "', or check it with "
          + "bin/package-verify");
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    } finally {
      if (extracted != null) {
        FileTrees.delete(extracted);
      }
    }
  }
}
