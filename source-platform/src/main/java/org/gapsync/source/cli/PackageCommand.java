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
import org.gapsync.source.ledger.SourceLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code package}: sync packages. */
@Command(name = "package", mixinStandardHelpOptions = true, description = "Sync packages.",
    subcommands = PackageCommand.Build.class)
final class PackageCommand {
  /** {@code package build}. */
  @Permitted(Role.ARCHIVIST)
  @Command(name = "build", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
          "  source-platform package build --destination reading-room --to /media/usb",
          "  source-platform package build --destination backup-site --to /media/usb --resend "
              + "F001-1998-0001,F001-1998-0002"},
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
        description = "The medium: a mounted USB disk, a folder to burn, a ferry outbox.")
    private Path to;

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
          + to + " (the next build removes any partial copy); run 'package build' again";
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
            .build(destination, to, resend != null ? PackageBuilder.Selection.resend(resend)
                : records != null ? PackageBuilder.Selection.records(records)
                : PackageBuilder.Selection.queue(), maxBytes == null
                ? OptionalLong.empty() : OptionalLong.of(maxBytes),
                new PackageBuilder.Progress() {
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
      out.printf("wrote %s (sequence %d): %s, %s, %s; read back and verified%n",
          r.packagePath().get(), r.sequence(), Plural.of(r.records(), "record"),
          Plural.of(r.files(), "file"), Plural.of(r.bytes(), "byte"));
      if (r.packagePath().get().getFileName().toString().endsWith(EnvelopeWriter.EXTENSION)) {
        out.println("  encrypted to the certificate of " + destination + ": only its private "
            + "key opens it");
      }
      return ExitCodes.OK;
    }
  }
}
