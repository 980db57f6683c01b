package org.gapsync.target.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SignatureCheck;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.SyncPackageVerifier;
import org.gapsync.format.validation.Finding;
import org.gapsync.platform.files.FileTrees;
import org.gapsync.target.ledger.PackageState;
import org.gapsync.target.ledger.ReceivedPackage;
import org.gapsync.target.ledger.ReplicaRecord;
import org.gapsync.target.ledger.SourceProgress;
import org.gapsync.target.ledger.TargetLedger;
import org.gapsync.target.replica.CrashPoint;
import org.gapsync.target.replica.ReplicaStore;
import org.gapsync.target.replica.ReplicaUpdate;

/**
 * Imports the packages on a medium, in each source's sequence order. Each package is verified
 * whole first. A package that fails is not applied; its receipt says rejected, with every
 * finding. A verified package applies if its turn has come, waits in the home if a predecessor
 * is missing (and applies as soon as that arrives), and is refused if it is older than what
 * was applied and was never seen (a replay). A package seen before gets its original receipt
 * again. Every receipt is written to the medium and read back.
 *
 * <pre>{@code
 * Importer importer = new Importer(ledger, folders, "reading-room", trust, signer, clock,
 *     "li.na", 2);
 * importer.recover();
 * List<ImportOutcome> done = importer.importAll(Path.of("/media/usb"), receiptsDir, o -> {});
 * }</pre>
 */
public final class Importer {
  private final TargetLedger ledger;
  private final TargetFolders folders;
  private final String targetId;
  private final SyncPackageVerifier verifier;
  private final Receipts receipts;
  private final ReplicaStore store;
  private final PackageApplier applier;
  private final Clock clock;
  private final String operator;

  /** Creates an importer for target {@code targetId} trusting the sources in {@code trust}. */
  public Importer(TargetLedger ledger, TargetFolders folders, String targetId, TrustStore trust,
      PackageSigner signer, Clock clock, String operator, int threads) {
    this.ledger = ledger;
    this.folders = folders;
    this.targetId = targetId;
    this.verifier = new SyncPackageVerifier(trust, threads);
    this.receipts = new Receipts(signer, targetId, folders.receipts());
    this.store = new ReplicaStore(folders.replica());
    this.applier = new PackageApplier(ledger, store, folders, receipts, targetId, clock,
        operator);
    this.clock = clock;
    this.operator = operator;
  }

  /**
   * Finishes any update a crash interrupted, forward or back as the ledger decides, and
   * returns what was done; run before anything else reads the replica.
   */
  public static List<String> recover(TargetLedger ledger, TargetFolders folders)
      throws IOException {
    return ReplicaUpdate.recover(new ReplicaStore(folders.replica()), folders.work(), id -> {
      try {
        return ledger.inTransaction(tx -> tx.packages().find(id)).map(p -> p.state()
            == PackageState.APPLIED).orElse(false);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /**
   * Imports every package at {@code medium}, writing receipts into {@code receiptTo}, and
   * returns what became of each, reporting each to {@code done} as it is settled.
   */
  public List<ImportOutcome> importAll(Path medium, Path receiptTo,
      Consumer<ImportOutcome> done) throws IOException {
    List<ImportOutcome> out = new ArrayList<>();
    for (Path p : PackageFinder.find(medium)) {
      for (Settled s : importOne(p)) {
        ImportOutcome delivered = deliver(s, receiptTo);
        out.add(delivered);
        done.accept(delivered);
      }
    }
    return out;
  }

  private List<Settled> importOne(Path path) throws IOException {
    Verification<PackageHeader> v = verifier.verify(path);
    if (v.header().isEmpty()) {
      String why = v.report().findings().stream().limit(3).map(Object::toString)
          .collect(Collectors.joining("; "));
      return List.of(refuse(path, Optional.empty(), "refused without a receipt: its package "
          + "id cannot be read safely (" + why + ")", v.report().findings()));
    }
    PackageHeader h = v.header().get();
    String id = h.packageId().value();
    if (!h.destination().equals(targetId)) {
      return List.of(refuse(path, Optional.of(id), "refused without a receipt: package " + id
          + " is for " + h.destination() + ", not for this target (" + targetId
          + "); import it there", List.of()));
    }
    Optional<ReceivedPackage> seen = ledger.inTransaction(tx -> tx.packages().find(id));
    if (seen.isPresent()) {
      return List.of(again(path, seen.get()));
    }
    List<Settled> out = new ArrayList<>();
    try {
      out.add(v.isValid() ? ordered(path, v, h) : reject(path, v, h));
    } catch (PackageFormatException e) {
      out.add(refuse(path, Optional.of(id), "not applied: " + e.getMessage(), List.of()));
    }
    out.addAll(drain(h.sourcePlatform()));
    return out;
  }

  /** Applies, holds or refuses a verified package by its place in its source's sequence. */
  private Settled ordered(Path path, Verification<PackageHeader> v, PackageHeader h)
      throws IOException {
    String src = h.sourcePlatform();
    SourceProgress progress = ledger.inTransaction(tx -> tx.packages().progress(src));
    long next = progress.lastSequence() + 1;
    if (h.sequence() < next) {
      return refuse(path, Optional.of(h.packageId().value()), "refused without a receipt: "
          + "sequence " + h.sequence() + " from " + src + " was passed already (last settled: "
          + progress.lastSequence() + ") and package " + h.packageId() + " was never seen "
          + "here; a replay or a forged sequence", List.of());
    }
    Optional<String> bridge = bridge(h, next);
    if (h.sequence() == next || bridge.isPresent()) {
      return applier.apply(path, h, signer(v), sequenceNote(h, progress, bridge), bytes(h),
          false);
    }
    return hold(path, h, next);
  }

  private Optional<String> bridge(PackageHeader h, long next) throws IOException {
    // A predecessor rejected as unauthentic never settled its sequence; an authentic
    // successor naming it shows the source sent it, so its number is settled by the rejection.
    if (h.sequence() != next + 1) {
      return Optional.empty();
    }
    return rejected(h.previousPackageId().map(PackageId::value));
  }

  /** Returns {@code packageId} if this target rejected a package with that id. */
  private Optional<String> rejected(Optional<String> packageId) throws IOException {
    if (packageId.isEmpty()) {
      return Optional.empty();
    }
    return ledger.inTransaction(tx -> tx.packages().find(packageId.get()))
        .filter(p -> p.state() == PackageState.REJECTED).map(ReceivedPackage::packageId);
  }

  private static String sequenceNote(PackageHeader h, SourceProgress progress,
      Optional<String> bridge) {
    if (bridge.isPresent()) {
      return "sequence " + h.sequence() + " follows the rejected package " + bridge.get();
    }
    return h.sequence() == 1 ? "sequence 1, the first from " + h.sourcePlatform()
        : "sequence " + h.sequence() + " follows " + progress.lastSequence() + " without a gap";
  }

  /** Keeps a verified package whose predecessor has not been applied yet. */
  private Settled hold(Path path, PackageHeader h, long next) throws IOException {
    String id = h.packageId().value();
    Files.createDirectories(folders.waiting());
    Path held = folders.waiting().resolve(path.getFileName().toString());
    Path partial = folders.waiting().resolve("." + path.getFileName() + ".partial");
    FileTrees.delete(partial);
    FileTrees.copy(path, partial);
    FileTrees.delete(held);
    Files.move(partial, held, StandardCopyOption.ATOMIC_MOVE);
    String detail = "waiting for sequence " + next + " from " + h.sourcePlatform()
        + " before it can apply";
    ledger.inTransaction(tx -> {
      tx.packages().insert(new ReceivedPackage(id, h.sourcePlatform(), h.sequence(),
          h.previousPackageId().map(PackageId::value), PackageState.WAITING, true, tx.now(),
          Optional.empty(), tx.actor(), h.records().size(), bytes(h),
          Optional.of(held.toString()), Optional.empty(), Optional.empty(), detail));
      return null;
    });
    return Settled.withoutReceipt(new ImportOutcome(path, Optional.of(id),
        Optional.of(h.sourcePlatform()), h.sequence(), ImportOutcome.Kind.WAITING, detail
        + "; kept in " + held, Optional.empty(), List.of(), List.of(), List.of()));
  }

  /** Rejects a package that failed verification, with a receipt saying why. */
  private Settled reject(Path path, Verification<PackageHeader> v, PackageHeader h)
      throws IOException {
    String id = h.packageId().value();
    String src = h.sourcePlatform();
    boolean authentic = isAuthentic(v, h);
    List<Finding> findings = v.report().findings();
    var checks = QualityChecks.ofRejected(findings, signer(v));
    List<RecordResult> records = new ArrayList<>();
    String reason = "the package was rejected: " + findings.get(0);
    for (var rc : h.records()) {
      Optional<ReplicaRecord> held = ledger.inTransaction(tx -> tx.replica().record(src,
          rc.archivalId()));
      List<FileState> now = held.isPresent() ? store.reread(src, held.get().folder())
          : List.of();
      records.add(new RecordResult(rc.archivalId(), rc.version(), RecordOutcome.REJECTED,
          Optional.of(reason), now));
    }
    String receiptId = Receipts.receiptId(id);
    String message = "rejected, nothing applied: " + findings.size() + " finding(s), first: "
        + findings.get(0) + (authentic ? "" : "; not authentic, so its sequence does not count");
    ImportOutcome outcome = new ImportOutcome(path, Optional.of(id), Optional.of(src),
        h.sequence(), ImportOutcome.Kind.REJECTED, message, Optional.empty(), checks, records,
        findings);
    Receipt receipt = new Receipt(PackageId.of(receiptId), h.packageId(), src, targetId,
        h.sequence(), clock.instant(), operator, PackageOutcome.REJECTED, findings, checks,
        records);
    Path stored = receipts.store(receipt, PackageApplier.formatOf(path), ImportReport.text(
        List.of(outcome)));
    ledger.inTransaction(tx -> {
      tx.packages().insert(new ReceivedPackage(id, src, h.sequence(),
          h.previousPackageId().map(PackageId::value), PackageState.REJECTED, authentic,
          tx.now(), Optional.of(tx.now()), tx.actor(), h.records().size(), bytes(h),
          Optional.empty(), Optional.empty(), Optional.empty(), message));
      if (authentic && h.sequence() == tx.packages().progress(src).lastSequence() + 1) {
        tx.packages().advance(src, h.sequence(), id);
      }
      tx.packages().setReceipt(id, receiptId);
      return null;
    });
    return new Settled(outcome, Optional.of(stored));
  }

  /** Applies waiting packages, and passes authentic rejections, whose turn has come. */
  private List<Settled> drain(String src) throws IOException {
    List<Settled> out = new ArrayList<>();
    while (true) {
      SourceProgress progress = ledger.inTransaction(tx -> tx.packages().progress(src));
      long next = progress.lastSequence() + 1;
      List<ReceivedPackage> atNext = ledger.inTransaction(tx -> tx.packages().atSequence(src,
          next));
      Optional<ReceivedPackage> passed = atNext.stream().filter(p -> p.state()
          == PackageState.REJECTED && p.isAuthentic()).findFirst();
      if (passed.isPresent()) {
        ledger.inTransaction(tx -> {
          tx.packages().advance(src, next, passed.get().packageId());
          return null;
        });
        continue;
      }
      Optional<ReceivedPackage> waiting = atNext.stream().filter(p -> p.state()
          == PackageState.WAITING).findFirst();
      if (waiting.isEmpty()) {
        waiting = ledger.inTransaction(tx -> tx.packages().atSequence(src, next + 1)).stream()
            .filter(p -> p.state() == PackageState.WAITING).findFirst();
        if (waiting.isPresent() && rejected(waiting.get().previousPackageId()).isEmpty()) {
          waiting = Optional.empty();
        }
      }
      if (waiting.isEmpty()) {
        return out;
      }
      out.add(applyHeld(waiting.get(), progress));
    }
  }

  private Settled applyHeld(ReceivedPackage p, SourceProgress progress) throws IOException {
    Path held = Path.of(p.heldPath().orElseThrow());
    Verification<PackageHeader> v = verifier.verify(held);
    if (!v.isValid() || v.header().isEmpty()) {
      ledger.inTransaction(tx -> {
        tx.packages().forget(p.packageId());
        return null;
      });
      FileTrees.delete(held);
      return Settled.withoutReceipt(ImportOutcome.refused(held, Optional.of(p.packageId()),
          "the copy kept while it waited no longer verifies and was dropped; import package "
          + p.packageId() + " again from its medium", v.report().findings()));
    }
    PackageHeader h = v.header().get();
    Optional<String> bridge = h.sequence() == progress.lastSequence() + 1 ? Optional.empty()
        : h.previousPackageId().map(PackageId::value);
    Settled s = applier.apply(held, h, signer(v), sequenceNote(h, progress, bridge), bytes(h),
        true);
    FileTrees.delete(held);
    return s;
  }

  /** Writes a settled package's receipt, if it has one, onto the medium. */
  private ImportOutcome deliver(Settled s, Path receiptTo) throws IOException {
    if (s.storedReceipt().isEmpty()) {
      return s.outcome();
    }
    Path written = receipts.deliver(s.storedReceipt().get(), receiptTo);
    CrashPoint.reach("delivered");
    ImportOutcome o = s.outcome();
    return new ImportOutcome(o.path(), o.packageId(), o.sourceId(), o.sequence(), o.kind(),
        o.message(), Optional.of(written), o.checks(), o.records(), o.findings());
  }

  /** Answers a package seen before: its original receipt again, or that it still waits. */
  private Settled again(Path path, ReceivedPackage p) throws IOException {
    if (p.state() == PackageState.WAITING) {
      return Settled.withoutReceipt(new ImportOutcome(path, Optional.of(p.packageId()),
          Optional.of(p.sourceId()), p.sequence(), ImportOutcome.Kind.WAITING, "already "
          + "waiting: " + p.detail(), Optional.empty(), List.of(), List.of(), List.of()));
    }
    String receiptId = p.receiptId().orElseThrow(() -> new IOException("package "
        + p.packageId() + " was settled without a receipt; the ledger is inconsistent"));
    Path stored = receipts.stored(receiptId).orElseThrow(() -> new java.nio.file
        .NoSuchFileException(folders.receipts().resolve(receiptId).toString(), null,
        "the receipt of package " + p.packageId() + " is missing from the home's receipt "
        + "store; restore it from a backup of the home"));
    ledger.inTransaction(tx -> {
      tx.packages().setReceipt(p.packageId(), receiptId);
      return null;
    });
    return new Settled(new ImportOutcome(path, Optional.of(p.packageId()),
        Optional.of(p.sourceId()), p.sequence(), ImportOutcome.Kind.DUPLICATE, "seen before ("
        + p.state().name().toLowerCase(java.util.Locale.ROOT) + " " + p.settledAt().map(
        Object::toString).orElse("") + "); nothing applied again, its original receipt "
        + "written again", Optional.empty(), List.of(), List.of(), List.of()),
        Optional.of(stored));
  }

  private Settled refuse(Path path, Optional<String> id, String message, List<Finding> findings)
      throws IOException {
    ledger.inTransaction(tx -> {
      tx.packages().refuse(id, path + ": " + message);
      return null;
    });
    return Settled.withoutReceipt(ImportOutcome.refused(path, id, message, findings));
  }

  /** Returns whether the header is signed by the source it names, so its sequence counts. */
  private static boolean isAuthentic(Verification<PackageHeader> v, PackageHeader h) {
    boolean isSigned = v.signature().filter(SignatureCheck::isValid)
        .flatMap(SignatureCheck::trustedAs).filter(h.sourcePlatform()::equals).isPresent();
    boolean isHeaderIntact = v.report().findings().stream().noneMatch(f -> f.path().startsWith(
        "sync/") || f.path().startsWith("tagmanifest-") || f.path().equals("bag-info.txt"));
    return isSigned && isHeaderIntact;
  }

  private static String signer(Verification<PackageHeader> v) {
    return v.signature().map(s -> s.trustedAs().orElse("an untrusted signer") + s.signer()
        .map(c -> " (" + Certificates.describe(c) + ")").orElse("")).orElse("nobody");
  }

  private static long bytes(PackageHeader h) {
    return h.records().stream().flatMap(r -> r.files().stream()).mapToLong(FileState::size)
        .sum();
  }
}
