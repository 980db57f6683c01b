package org.gapsync.target.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.gapsync.format.PackageFormatException;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.ferry.FerryFolder;

/**
 * One round of the target's side of a ferry: every package that has arrived whole in the
 * inbox is imported (applied, kept until its predecessor comes, or rejected, as from a
 * medium), each receipt is published into the returns folder, and the package is taken out of
 * the inbox. A package this target refuses (not a package, not for it, a replay) is moved to
 * the home's {@code ferry/refused/} for the operator; one whose import failed for a reason of
 * the moment stays in the inbox for the next round.
 */
public final class TargetFerry {
  private final Importer importer;
  private final FerryFolder inbox;
  private final FerryFolder returns;
  private final Path work;
  private final Duration settle;
  private final Clock clock;
  private final Consumer<String> log;

  /**
   * Creates the ferry's target side, writing receipts first into {@code work} (the home's
   * {@code ferry/} folder) and saying each thing it does to {@code log}, one line each.
   */
  public TargetFerry(Importer importer, FerryFolder inbox, FerryFolder returns, Path work,
      Duration settle, Clock clock, Consumer<String> log) {
    this.importer = Objects.requireNonNull(importer, "importer");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.returns = Objects.requireNonNull(returns, "returns");
    this.work = Objects.requireNonNull(work, "work");
    this.settle = Objects.requireNonNull(settle, "settle");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** What a round did. */
  public record Round(int imported, int refused, int failed, int receipts) {}

  /** Runs one round: every package that has arrived whole, in name order. */
  public Round round() throws IOException {
    Path receipts = Files.createDirectories(work.resolve("receipts"));
    int published = publishLeft(receipts);
    int imported = 0;
    int refused = 0;
    int failed = 0;
    for (Path p : inbox.misdelivered(settle, clock.instant())) {
      refuse(p, Files.size(p) + " bytes, not the " + inbox.marked(p).orElseThrow().bytes()
          + " its marker says: the appliance damaged or cut short this copy (the source sends "
          + "it again)");
      refused++;
    }
    for (Path p : inbox.arrived(settle, clock.instant())) {
      String name = p.getFileName().toString();
      List<ImportOutcome> outcomes;
      try {
        outcomes = importer.importAll(p, receipts, o -> { });
      } catch (UsageException | PackageFormatException e) {
        refuse(p, e.getMessage());
        refused++;
        continue;
      } catch (IOException e) {
        log.accept("error " + name + ": " + e.getMessage() + "; it stays in the inbox for the "
            + "next round");
        failed++;
        continue;
      }
      boolean isRefused = false;
      for (ImportOutcome o : outcomes) {
        log.accept("import " + name + ": " + o.kind().name().toLowerCase(java.util.Locale.ROOT)
            + ": " + o.message());
        isRefused |= o.kind() == ImportOutcome.Kind.REFUSED;
      }
      published += publishLeft(receipts);
      if (isRefused) {
        refuse(p, "refused (see above)");
        refused++;
      } else {
        inbox.take(p);
        imported++;
      }
    }
    return new Round(imported, refused, failed, published);
  }

  /** Publishes every receipt written but not yet published (a crash may have left some). */
  private int publishLeft(Path receipts) throws IOException {
    List<Path> left;
    try (Stream<Path> s = Files.list(receipts)) {
      left = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
    for (Path r : left) {
      Path out = returns.publish(r);
      Files.delete(r);
      log.accept("receipt " + r.getFileName() + ": published to " + out);
    }
    return left.size();
  }

  /** Moves a package this target refuses out of the inbox, for the operator to look at. */
  private void refuse(Path p, String why) throws IOException {
    Path to = inbox.setAside(p, work.resolve("refused"));
    log.accept("refused " + p.getFileName() + ": " + why + "; moved to " + to);
  }
}
