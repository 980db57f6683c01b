package org.gapsync.source.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.platform.Plural;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.Interruptible;
import org.gapsync.platform.cli.Interruption;
import org.gapsync.platform.cli.Passphrase;
import org.gapsync.platform.cli.ProgressView;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.source.export.BuildResult;
import org.gapsync.source.export.PackageBuilder;
import org.gapsync.source.export.VolumeSize;
import org.gapsync.source.ledger.SourceLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code package}: sync packages. */
@Command(name = "package", mixinStandardHelpOptions = true, description = "Sync packages.",
    subcommands = {PackageCommand.Build.class, PackageCommand.Burn.class,
        PackageFormCommand.class, org.gapsync.platform.cli.RepairCommand.class})
final class PackageCommand {
  /** {@code package build}. */
  @Permitted(Role.ARCHIVIST)
  @Command(name = "build", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform package build --destination reading-room --to /media/usb",
          "  source-platform package build --destination backup-site --to /media/usb --resend "
              + "F001-1998-0001,F001-1998-0002",
          "  source-platform package build --destination backup-site --to /srv/discs "
              + "--volume-size bd --iso"},
      description = "Writes the next signed sync package for a destination straight onto the "
          + "medium at DIR: everything queued for it, or the records named. Modified records "
          + "carry only their changed files. The package is read back and verified before "
          + "the ledger marks its records exported.")
  static final class Build implements Callable<Integer>, Interruptible {
    @Spec
    private CommandSpec spec;

    @Option(names = "--destination", required = true, paramLabel = "TARGET",
        description = "The destination to write the package for, as 'destination list' "
            + "shows it.")
    private String destination;

    @Option(names = "--to", required = true, paramLabel = "DIR",
        description = "The medium: a mounted USB disk, a folder to burn, a ferry outbox. "
            + "Given several times, volume k of a set goes onto the k-th.")
    private List<Path> to;

    @Option(names = "--volume-size", paramLabel = "SIZE",
        description = "Write a package too large for one medium as a set of volumes of at "
            + "most SIZE bytes each, every byte on the volume counted: a disc (cd, dvd, dvd-dl, "
            + "bd, bd-dl, bd-xl) or bytes with a unit (700MB, 1MiB). Each volume is a signed bag "
            + "that verifies and applies alone, in any order.")
    private String volumeSize;

    @Option(names = "--ask",
        description = "With one --to: after each volume of a set, ask on the terminal for the "
            + "next medium at DIR (one USB disk after another at one mount point), and wait "
            + "for Enter.")
    private boolean ask;

    @Option(names = "--iso",
        description = "Write the package (each volume of a set) as an ISO 9660 image for a "
            + "disc, NAME.iso, with Rock Ridge and Joliet, and xorriso's MD5 checksums of the "
            + "image and of every file; burn it with 'package burn'. Needs xorriso.")
    private boolean iso;

    @Option(names = "--recovery", paramLabel = "PERCENT",
        description = "Recovery data (PAR2) inside each disc image, in per cent of its files, "
            + "from which 'package import' and 'package repair' rebuild what scratches "
            + "damaged (default: 10 with --iso; 0 for none). Needs par2.")
    private Integer recovery;

    @Option(names = "--parity-volumes", paramLabel = "N",
        description = "Give a set of volumes a parity volume (N = 1; 0 for none, the "
            + "default): from it and the others 'package repair --rebuild K' rebuilds any one "
            + "volume lost whole, a disc broken or never arrived, without asking the source "
            + "again. It is as large as one volume, goes onto the medium after the last, and "
            + "each volume leaves a little room for its index. Needs --volume-size, and each "
            + "volume one file (--iso, or a tar or zip template).")
    private Integer parityVolumes;

    @Option(names = "--records", split = ",", paramLabel = "ID",
        description = "Send these records (chosen by hand) instead of the whole queue: what "
            + "the destination still needs of them.")
    private List<String> records;

    @Option(names = "--resend", split = ",", paramLabel = "ID",
        description = "Send these records again whole, every file, even if the destination is "
            + "thought to hold them: the repair of a damaged replica ('replica verify' on the "
            + "target names the records).")
    private List<String> resend;

    @Option(names = "--max-bytes", paramLabel = "N",
        description = "Refuse to start a package whose payload exceeds N bytes.")
    private Long maxBytes;

    @Override
    public String whenInterrupted() {
      return "no record was marked exported and no package is left under its final name on "
          + (to.size() == 1 ? to.get(0) : to) + " (the next build removes any partial copy); "
          + "run 'package build' again";
    }

    @Override
    public Integer call() throws Exception {
      if (records != null && resend != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--records and --resend "
            + "cannot be given together: build one package with each");
      }
      if (maxBytes != null && maxBytes < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--max-bytes must be at "
            + "least 1, not " + maxBytes);
      }
      if (recovery != null && !iso) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--recovery needs --iso: "
            + "the recovery data travels inside each disc image");
      }
      if (recovery != null && (recovery < 0 || recovery > 100)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--recovery must be 0 to "
            + "100 per cent, not " + recovery);
      }
      PackageBuilder.Media media = new PackageBuilder.Media(to, maxBytes == null
          ? OptionalLong.empty() : OptionalLong.of(maxBytes), java.util.Optional.empty());
      if (iso) {
        media = media.images(recovery == null ? 10 : recovery);
      }
      if (volumeSize != null) {
        try {
          media = media.volumes(VolumeSize.parse(volumeSize));
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--volume-size: "
              + e.getMessage());
        }
      } else if (to.size() > 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--to is given "
            + to.size() + " times, but only a set of volumes goes onto several media; add "
            + "--volume-size SIZE, or name one medium");
      }
      if (parityVolumes != null && (parityVolumes < 0 || parityVolumes > 1)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--parity-volumes is 0 "
            + "or 1, not " + parityVolumes + ": one parity volume rebuilds any one lost volume "
            + "of its set; to survive the loss of more, build smaller sets or burn a second "
            + "copy of each disc");
      }
      if (parityVolumes != null && parityVolumes == 1) {
        if (volumeSize == null) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--parity-volumes is "
              + "for a set of volumes: add --volume-size SIZE");
        }
        media = media.withParity();
      }
      if (ask && (to.size() > 1 || volumeSize == null)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--ask is for a set of "
            + "volumes (--volume-size) onto one --to, one medium after another");
      }
      if (ask) {
        PrintWriter asking = spec.commandLine().getOut();
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
            System.in, java.nio.charset.Charset.defaultCharset()));
        media = media.changedBy((dir, number, count) -> {
          asking.printf("volume %d of %d written and verified; take the medium out, put the "
              + "medium for %s at %s and press Enter%n", number - 1, count, number > count
              ? "the parity volume" : "volume " + number, dir);
          asking.flush();
          if (in.readLine() == null) {
            throw new java.io.IOException("no medium came for volume " + number + " of "
                + count + " (the input ended)");
          }
        });
      }
      SourceCommand root = SourceCommand.root(spec);
      PlatformHome home = root.home();
      SigningKey key;
      try (Passphrase passphrase = root.passphrase(spec.commandLine(), false)) {
        key = home.key(passphrase.chars());
      }
      BuildResult r;
      Interruption interruption = root.interruption();
      // From here a stop waits for the next check point: the work has begun.
      interruption.check();
      try (SourceLedger ledger = root.ledger(); ProgressView view = ProgressView.onTerminal()) {
        r = new PackageBuilder(ledger, home.id(), key, home.trust(), root.clock(),
            home.scratchFolder())
            .build(destination, media, resend != null ? PackageBuilder.Selection.resend(resend)
                : records != null ? PackageBuilder.Selection.records(records)
                : PackageBuilder.Selection.queue(), new PackageBuilder.Progress() {
                  @Override
                  public void written(long total, long done) {
                    interruption.check();
                    view.show("write", ProgressView.Unit.BYTES, total, done);
                  }

                  @Override
                  public void verified(long total, long done) {
                    interruption.check();
                    view.show("read back", ProgressView.Unit.BYTES, total, done);
                  }
                });
      }
      PrintWriter out = spec.commandLine().getOut();
      r.leftovers().forEach(p -> out.println("removed " + p + ": left by a build of the same "
          + "package that was interrupted before the ledger recorded it"));
      r.settled().forEach(s -> out.println("settled without a package: " + s));
      if (r.packagePath().isEmpty()) {
        out.println("nothing to send to " + destination);
        return ExitCodes.OK;
      }
      if (r.volumes().isEmpty() && media.parity()) {
        out.println("the package fits one volume: no parity volume was written (burn a second "
            + "copy of the disc to guard it)");
      }
      if (r.volumes().isEmpty()) {
        out.printf("wrote %s (sequence %d): %s, %s, %s; read back and verified%s%n",
            r.packagePath().get(), r.sequence(), Plural.of(r.records(), "record"),
            Plural.of(r.files(), "file"), Plural.of(r.bytes(), "byte"), iso ? ", its disc "
                + "image checked against the MD5 checksums xorriso recorded" : "");
      } else {
        out.printf("wrote package %s (sequence %d) as %d volumes of at most %s: %s, %s, %s; "
            + "each read back and verified%s%n", r.packageId().orElseThrow(), r.sequence(),
            r.volumes().size(), VolumeSize.parse(volumeSize), Plural.of(r.records(), "record"),
            Plural.of(r.files(), "file"), Plural.of(r.bytes(), "byte"), iso ? ", each disc "
                + "image checked against the MD5 checksums xorriso recorded" : "");
        r.volumes().forEach(v -> out.println("  " + v));
        out.println("  each volume verifies and applies alone, in any order; carry them all to "
            + destination);
        r.parity().ifPresent(p -> out.println("  parity volume " + p + ": it carries no "
            + "records; with the others it rebuilds any one volume lost whole ('package repair "
            + "--rebuild K'); keep it with the set"));
      }
      if (r.packagePath().get().getFileName().toString().endsWith(EnvelopeWriter.EXTENSION)) {
        out.println("  encrypted to the certificate of " + destination + ": only its private "
            + "key opens it");
      }
      return ExitCodes.OK;
    }
  }

  /** {@code package burn}. */
  @Permitted(Role.ARCHIVIST)
  @Command(name = "burn", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform package burn /srv/discs/*.iso --device /dev/sr0",
          "  source-platform package burn a.v1-of-2.iso a.v2-of-2.iso --device /dev/sr0 "
              + "--device /dev/sr1"},
      description = "Burns the disc images 'package build --iso' wrote, one disc each: checks "
          + "that the disc in the drive is blank and large enough, burns the image, reads the "
          + "disc back (xorriso's MD5 checksums of the session and of every file, then the bag "
          + "on it verified in full), records the disc in the ledger and ejects it, then asks "
          + "for the next blank disc. Needs xorriso.")
  static final class Burn implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @CommandLine.Parameters(arity = "1..*", paramLabel = "IMAGE",
        description = "The disc images, burnt in the order given.")
    private List<Path> images;

    @Option(names = "--device", required = true, paramLabel = "DEV",
        description = "The drive: /dev/sr0, or stdio:FILE (a file as a drive, for trials). "
            + "Given once, every disc goes into it in turn; given once per image, image k "
            + "goes into the k-th.")
    private List<String> devices;

    @Override
    public Integer call() throws Exception {
      SourceCommand root = SourceCommand.root(spec);
      PlatformHome home = root.home();
      PrintWriter out = spec.commandLine().getOut();
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
          System.in, java.nio.charset.Charset.defaultCharset()));
      try (SourceLedger ledger = root.ledger()) {
        org.gapsync.format.signature.TrustStore self = org.gapsync.format.signature.TrustStore
            .empty().with(home.id(), home.certificate());
        new org.gapsync.source.export.DiscBurner(ledger, self, home.scratchFolder()).burn(
            images, devices, (image, device, number, total) -> {
              out.printf("insert a blank disc for %s (disc %d of %d) into %s and press Enter%n",
                  image.getFileName(), number, total, device);
              out.flush();
              if (in.readLine() == null) {
                throw new java.io.IOException("no blank disc came for " + image + " (the input "
                    + "ended); the discs burnt so far are recorded; run 'package burn' again "
                    + "with the images still to burn");
              }
            }, b -> {
              out.printf("burnt %s onto %s: read back, xorriso's MD5 checksums match, %s; "
                  + "ejected%n", b.image(), b.device(), b.detail());
              out.flush();
            });
      }
      out.println(Plural.of(images.size(), "disc") + " burnt and verified; label each with its "
          + "image's name");
      return ExitCodes.OK;
    }
  }
}
