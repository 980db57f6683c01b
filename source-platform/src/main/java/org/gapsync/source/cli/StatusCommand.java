package org.gapsync.source.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gapsync.platform.Plural;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.cli.ReadsOnly;
import org.gapsync.platform.ferry.FerryStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code status}: what the ferry on this home did last, and what it waits for. */
@ReadsOnly
@Permitted({Role.ARCHIVIST, Role.AUDITOR})
@Command(name = "status", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
        "  source-platform status",
        "  source-platform status --format json"},
    description = "Shows the last round of the ferry on this home, the files in its returns "
        + "folder not yet whole, and the packages it keeps to send again until their receipts "
        + "come, each with when it was last sent. 'destination list' shows every package "
        + "awaiting its receipt, by whatever way it went.")
final class StatusCommand implements Callable<Integer> {
  enum Format { table, json }

  /** A package kept until its receipt comes, and when it was last sent. */
  private record Kept(String file, Instant sentAt) {}

  @Spec
  private CommandSpec spec;

  @Option(names = "--format", defaultValue = "table",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private Format format;

  @Override
  public Integer call() throws Exception {
    Path ferry = SourceCommand.root(spec).home().root().resolve("ferry");
    Optional<FerryStatus> last = FerryStatus.read(ferry);
    List<Kept> kept = new ArrayList<>();
    Path sent = ferry.resolve("sent");
    if (Files.isDirectory(sent)) {
      try (Stream<Path> s = Files.list(sent)) {
        for (Path p : s.sorted().toList()) {
          if (!p.getFileName().toString().startsWith(".")) {
            kept.add(new Kept(p.getFileName().toString(), Files.getLastModifiedTime(p)
                .toInstant()));
          }
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        if (last.isPresent()) {
          json.writeObjectFieldStart("ferry");
          json.writeStringField("lastRound", last.get().at().toString());
          json.writeStringField("summary", last.get().summary());
          json.writeNumberField("returnsNotWhole", last.get().notWhole());
          json.writeEndObject();
        }
        json.writeArrayFieldStart("kept");
        for (Kept k : kept) {
          json.writeStartObject();
          json.writeStringField("file", k.file());
          json.writeStringField("sentAt", k.sentAt().toString());
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      out.println();
      return ExitCodes.OK;
    }
    out.println(last.map(f -> "ferry: last round " + f.at() + ": " + f.summary()
        + (f.notWhole() == 0 ? "" : "; " + Plural.of(f.notWhole(), "file") + " in the returns "
            + "folder not yet whole")).orElse("no ferry has run on this home"));
    out.println(kept.isEmpty() ? "no package kept to send again" : "kept to send again until "
        + "their receipts come:");
    kept.forEach(k -> out.printf("  %-40s last sent %s%n", k.file(), k.sentAt()));
    return ExitCodes.OK;
  }
}
