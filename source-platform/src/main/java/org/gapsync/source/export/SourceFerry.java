package org.gapsync.source.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.template.Template;
import org.gapsync.platform.UsageException;
import org.gapsync.platform.cli.DurationConverter;
import org.gapsync.platform.ferry.FerryFolder;
import org.gapsync.source.holdings.HoldingsScanner;
import org.gapsync.source.holdings.ScanReport;
import org.gapsync.source.ledger.Destination;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.Templates;

/**
 * One round of the source's side of a ferry: every receipt that has arrived whole in the
 * returns folder is ingested (in each destination's sequence order) and taken out of it; then
 * for each destination what is queued is built into the home's {@code ferry/staging/}, read
 * back and verified there, and only then published into the outbox, whole, by the appliance's
 * convention; the ledger says where it went.
 */
public final class SourceFerry {
  /** The longest name a receipt adds to its package's id. */
  private static final String RECEIPT_SUFFIX = ".receipt.tar" + EnvelopeWriter.EXTENSION;

  private final SourceLedger ledger;
  private final PackageBuilder builder;
  private final ReceiptIngester ingester;
  private final FerryFolder outbox;
  private final FerryFolder returns;
  private final Path work;
  private final String sourceId;
  private final List<String> destinations;
  private final Duration settle;
  private final Clock clock;
  private final Consumer<String> log;
  private final List<SigningKey> keys;
  private final Path scratch;
  private Duration resendAfter = Duration.ofHours(1);
  private Path holdings;

  /**
   * Creates the ferry's source side for {@code destinations}, working in {@code work} (the
   * home's {@code ferry/} folder) and saying each thing it does to {@code log}, one line each;
   * a receipt encrypted to this source is opened with {@code keys}, in {@code scratch}.
   */
  public SourceFerry(SourceLedger ledger, PackageBuilder builder, ReceiptIngester ingester,
      FerryFolder outbox, FerryFolder returns, Path work, String sourceId,
      List<String> destinations, Duration settle, Clock clock, Consumer<String> log,
      List<SigningKey> keys, Path scratch) {
    this.keys = List.copyOf(keys);
    this.scratch = Objects.requireNonNull(scratch, "scratch");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.builder = Objects.requireNonNull(builder, "builder");
    this.ingester = Objects.requireNonNull(ingester, "ingester");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.returns = Objects.requireNonNull(returns, "returns");
    this.work = Objects.requireNonNull(work, "work");
    this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    this.destinations = List.copyOf(destinations);
    this.settle = Objects.requireNonNull(settle, "settle");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * Re-sends a package published that long ago without a receipt (default an hour): the
   * package or its receipt was lost on the way, or is late; a copy that does come twice is a
   * duplicate to the target, which answers it again.
   */
  public SourceFerry resendAfter(Duration d) {
    this.resendAfter = Objects.requireNonNull(d, "d");
    return this;
  }

  /**
   * Scans the holdings under {@code root} at the start of each round (after the receipts), so
   * that what changed is queued and carried without anyone running {@code holdings scan}; no
   * scan when {@code root} is null.
   */
  public SourceFerry scanning(Path root) {
    this.holdings = root;
    return this;
  }

  /**
   * What a round did.
   *
   * @param receipts receipts ingested
   * @param refused receipts refused (set aside)
   * @param problems records the scan could not record (invalid, conflicting, corrupted)
   * @param published packages published
   * @param resent packages published again for want of a receipt
   * @param failed steps that failed for a reason of the moment (tried again next round)
   */
  public record Round(int receipts, int refused, int problems, int published, int resent,
      int failed) {}

  /**
   * Checks, before the first round, that every destination's packages can cross: single
   * files (a tar or zip template, or an encrypted one) with names an appliance accepts.
   */
  public void check() throws IOException {
    for (String id : destinations) {
      Destination d = ledger.inTransaction(tx -> tx.sync().destination(id))
          .orElseThrow(() -> new UnknownDestinationException(id));
      Template t = Templates.read(d);
      if (!t.isEncrypted() && t.encapsulation() == ContainerFormat.DIRECTORY) {
        throw new UsageException("destination " + id + " has packages written as folders, but "
            + "a ferry carries files: give its template encapsulation tar (or zip)");
      }
      String name = PackageId.of(sourceId, id, d.nextSequence()).value();
      // The package's receipt, and the target's gap notice, have the longest names.
      FerryFolder.checkName(name + RECEIPT_SUFFIX);
      FerryFolder.checkName(PackageId.gapNotice(sourceId, id, clock.instant()).value()
          + ".tar" + EnvelopeWriter.EXTENSION);
    }
  }

  /**
   * Runs one round: the receipts that came, the scan (with {@link #scanning}), the packages
   * without a receipt for too long, then a package for each destination.
   */
  public Round round() throws IOException {
    int[] receipts = ingestReceipts();
    int problems = 0;
    int failed = 0;
    if (holdings != null) {
      try {
        problems = scan();
      } catch (IOException e) {
        // What was queued before still goes.
        log.accept("error scanning " + holdings + ": " + e.getMessage() + "; the next round "
            + "tries again");
        failed++;
      }
    }
    int resent = receipts[2] + resend();
    int published = publishLeft();
    for (String d : destinations) {
      BuildResult r;
      try {
        r = builder.build(d, PackageBuilder.Media.at(staging()), PackageBuilder.Selection
            .queue(), (total, done) -> { });
      } catch (IOException | UsageException e) {
        log.accept("error building for " + d + ": " + e.getMessage() + "; the next round "
            + "tries again");
        failed++;
        continue;
      }
      r.settled().forEach(s -> log.accept("settled without a package: " + s));
      if (r.packagePath().isEmpty()) {
        continue;
      }
      log.accept("built " + r.packageId().orElseThrow() + " for " + d + " (sequence "
          + r.sequence() + "): " + r.records() + " records, " + r.bytes() + " bytes; read back "
          + "and verified");
      published += publishLeft();
    }
    return new Round(receipts[0], receipts[1], problems, published, resent, failed);
  }

  /** Scans the holdings; returns how many records need an archivist's attention. */
  private int scan() throws IOException {
    ScanReport r = new HoldingsScanner(ledger, false, false, HoldingsScanner.Progress.NONE)
        .scan(holdings);
    if (r.added() + r.modified() + r.deleted() > 0) {
      log.accept("scanned " + holdings + ": " + r.records() + " records, " + r.added()
          + " added, " + r.modified() + " modified, " + r.deleted() + " deleted");
    }
    r.invalid().forEach(m -> log.accept("scan skipped, invalid: " + m));
    r.conflicts().forEach(m -> log.accept("scan skipped, conflict: " + m));
    r.corrupted().forEach(m -> log.accept("scan: CORRUPTED: " + m));
    return r.invalid().size() + r.conflicts().size() + r.corrupted().size();
  }

  private Path staging() throws IOException {
    return Files.createDirectories(work.resolve("staging"));
  }

  /**
   * Publishes into the outbox every package built and verified but not yet published (a crash
   * may have left one), and records where it went.
   */
  private int publishLeft() throws IOException {
    List<Path> left;
    try (Stream<Path> s = Files.list(staging())) {
      left = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
    int published = 0;
    for (Path p : left) {
      String name = p.getFileName().toString();
      PackageId id = idOf(name);
      if (ledger.inTransaction(tx -> tx.sync().packageRow(id)).isEmpty()) {
        // Built by a round stopped before the ledger recorded it: its records are still
        // queued, and its sequence goes to the package built next.
        FileTrees.delete(p);
        log.accept("removed " + name + " from " + p.getParent() + ": its build was stopped "
            + "before the ledger recorded it; its records go in the next package");
        continue;
      }
      Path out = outbox.publish(p);
      ledger.inTransaction(tx -> {
        tx.sync().setPublished(id, out.toString());
        return null;
      });
      // Kept until its receipt comes, to send again should the package or the receipt be lost.
      Files.move(p, sent().resolve(name), StandardCopyOption.REPLACE_EXISTING);
      log.accept("published " + name + " to " + out);
      published++;
    }
    return published;
  }

  private Path sent() throws IOException {
    return Files.createDirectories(work.resolve("sent"));
  }

  /**
   * Forgets the copies kept of packages whose receipts have come, and publishes again each
   * one published {@link #resendAfter} ago or longer that has none; returns how many.
   */
  private int resend() throws IOException {
    List<Path> kept;
    try (Stream<Path> s = Files.list(sent())) {
      kept = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
    int resent = 0;
    for (Path p : kept) {
      PackageId id = idOf(p.getFileName().toString());
      boolean isAnswered = ledger.inTransaction(tx -> tx.sync().packageRow(id))
          .map(r -> r.receiptId().isPresent()).orElse(true);
      if (isAnswered) {
        Files.delete(p);
        continue;
      }
      java.time.Instant last = Files.getLastModifiedTime(p).toInstant();
      if (last.plus(resendAfter).isAfter(clock.instant())) {
        continue;
      }
      Path out = outbox.publish(p);
      Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(clock.instant()));
      log.accept("re-sent " + p.getFileName() + " to " + out + ": no receipt "
          + DurationConverter.describe(resendAfter) + " after it was sent (the package or its "
          + "receipt may be lost; a copy that comes twice is answered again)");
      resent++;
    }
    return resent;
  }

  /**
   * Ingests the receipts (and notices) that came whole; returns how many, how many were
   * refused, and how many packages were sent again because a gap notice asked for them.
   */
  private int[] ingestReceipts() throws IOException {
    List<Path> arrived = returns.arrived(settle, clock.instant());
    int ingested = 0;
    int refused = 0;
    for (Path r : returns.misdelivered(settle, clock.instant())) {
      long bytes = Files.size(r);
      long expected = returns.marked(r).orElseThrow().bytes();
      Path to = returns.setAside(r, work.resolve("refused"));
      log.accept("refused " + r.getFileName() + ": " + bytes + " bytes, not the " + expected
          + " its marker says: the appliance damaged or cut short this copy (the package is "
          + "sent again, and answered again); moved to " + to);
      refused++;
    }
    int resent = 0;
    for (Path r : arrived.isEmpty() ? arrived : ingester.inSequenceOrder(arrived)) {
      String name = r.getFileName().toString();
      try {
        Ingested i = EnvelopeReader.isEnvelope(r) ? ingester.ingestSealed(r, keys, scratch)
            : ingester.ingest(r);
        log.accept("receipt " + name + ": " + describe(i));
        if (i instanceof GapResult g) {
          resent += resendMissing(g);
        }
        returns.take(r);
        ingested++;
      } catch (PackageFormatException | UsageException e) {
        Path to = returns.setAside(r, work.resolve("refused"));
        log.accept("refused " + name + ": " + e.getMessage() + "; moved to " + to);
        refused++;
      } catch (IOException e) {
        log.accept("error " + name + ": " + e.getMessage() + "; it stays for the next round");
      }
    }
    return new int[] {ingested, refused, resent};
  }

  /**
   * Publishes again at once each package a gap notice says its destination waits for, unless
   * it was sent so lately (a quarter of {@link #resendAfter}, at most a minute) that the copy
   * is taken to be on its way.
   */
  private int resendMissing(GapResult g) throws IOException {
    int resent = 0;
    Duration quiet = resendAfter.dividedBy(4).compareTo(Duration.ofMinutes(1)) < 0
        ? resendAfter.dividedBy(4) : Duration.ofMinutes(1);
    for (GapResult.Missing m : g.missing()) {
      if (m.isAnswered()) {
        // The notice is older than the receipt: the package came after all.
        continue;
      }
      Optional<Path> copy = sentCopy(m.packageId());
      if (copy.isEmpty()) {
        log.accept(g.destination() + " waits for " + m.packageId() + ", which this ferry "
            + "keeps no copy of (it was not sent by a ferry): bring its medium");
        continue;
      }
      Path p = copy.get();
      if (Files.getLastModifiedTime(p).toInstant().plus(quiet).isAfter(clock.instant())) {
        continue;
      }
      Path out = outbox.publish(p);
      Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(clock.instant()));
      log.accept("re-sent " + p.getFileName() + " to " + out + ": " + g.destination()
          + " waits for it (gap notice " + g.noticeId() + ")");
      resent++;
    }
    return resent;
  }

  /** Returns the copy kept of the package {@code id} until its receipt comes, if any. */
  private Optional<Path> sentCopy(PackageId id) throws IOException {
    for (String suffix : List.of(".tar" + EnvelopeWriter.EXTENSION, ".tar", ".zip")) {
      Path p = sent().resolve(id.value() + suffix);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static String describe(Ingested i) {
    if (i instanceof GapResult g) {
      return "a gap notice: " + g.destination() + " has applied up to sequence "
          + g.lastSequence() + " and waits for " + g.missing().stream().map(m -> m.packageId()
              .value()).collect(java.util.stream.Collectors.joining(", "));
    }
    if (i instanceof IngestResult r) {
      return r.isRepeat() ? "ingested before; nothing changed" : r.confirmed() + " confirmed, "
          + r.failed().size() + " failed and re-queued";
    }
    DamageResult d = (DamageResult) i;
    return d.isRepeat() ? "ingested before; nothing changed" : d.requeued().size()
        + " records queued again";
  }

  /** Returns the id of the package in the file {@code name}: {@code ID.tar}, .zip or .tar.p7m. */
  private static PackageId idOf(String name) {
    for (String suffix : List.of(".tar" + EnvelopeWriter.EXTENSION, ".tar", ".zip")) {
      if (name.endsWith(suffix)) {
        return PackageId.of(name.substring(0, name.length() - suffix.length()));
      }
    }
    return PackageId.of(name);
  }
}
