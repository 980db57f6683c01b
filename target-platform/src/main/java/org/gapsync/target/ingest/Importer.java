package org.gapsync.target.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
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
import org.gapsync.format.receipt.DamageReportKind;
import org.gapsync.format.receipt.GapNotice;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptKind;
import org.gapsync.format.receipt.ReceiptVerifier;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.DecryptedCopy;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SignatureCheck;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.SyncPackageVerifier;
import org.gapsync.format.validation.Finding;
import org.gapsync.platform.Plural;
import org.gapsync.target.ledger.PackageState;
import org.gapsync.target.ledger.ReceivedPackage;
import org.gapsync.target.ledger.ReplicaRecord;
import org.gapsync.target.ledger.TargetLedger;
import org.gapsync.target.replica.CrashPoint;
import org.gapsync.target.replica.ReplicaStore;
import org.gapsync.target.replica.ReplicaUpdate;

/**
 * Imports the packages on a medium, in each source's sequence order. Each package is verified
 * whole first. A package that fails is not applied; its receipt says rejected, with every
 * finding. A verified package applies if its turn has come, waits in the home if a predecessor
 * is missing (and applies as soon as that arrives), and is refused if it is older than what
 * was applied and was never seen (a replay): {@link Sequencer} keeps that order. A package
 * seen before gets its original receipt again. Every receipt is written to the medium and read
 * back.
 *
 * <pre>{@code
 * Importer.recover(ledger, folders);
 * Importer importer = new Importer(ledger, folders, "reading-room", trust, key, clock,
 *     "li.na", 2, ImportProgress.NONE);
 * List<ImportOutcome> done = importer.importAll(Path.of("/media/usb"), receiptsDir, o -> {});
 * }</pre>
 */
public final class Importer {
  /** The lock of the one command that changes the replica ({@link TargetLedger#tryHold}). */
  private static final String REPLICA = "replica";
  private final TargetLedger ledger;
  private final TargetFolders folders;
  private final String targetId;
  private final SyncPackageVerifier verifier;
  private final Receipts receipts;
  private final ReplicaStore store;
  private final Sequencer sequencer;
  private final Clock clock;
  private final String operator;
  private final ImportProgress progress;
  private final List<SigningKey> keys;
  private final TrustStore trust;
  /** While the packages of a disc image repaired from its recovery data import: what was. */
  private Optional<String> repaired = Optional.empty();

  /**
   * Creates an importer for target {@code targetId} trusting the sources in {@code trust}; it
   * signs receipts and opens encrypted packages with {@code key}.
   */
  public Importer(TargetLedger ledger, TargetFolders folders, String targetId, TrustStore trust,
      SigningKey key, Clock clock, String operator, int threads, ImportProgress progress) {
    this(ledger, folders, targetId, trust, List.of(key), clock, operator, threads, progress);
  }

  /**
   * Creates an importer that signs receipts with the first of {@code keys}, the current one, and
   * opens encrypted packages with any of them: the retired keys after it are those that sources
   * may still encrypt to until they learn of this target's key rotation.
   */
  public Importer(TargetLedger ledger, TargetFolders folders, String targetId, TrustStore trust,
      List<SigningKey> keys, Clock clock, String operator, int threads,
      ImportProgress progress) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no key to sign receipts with");
    }
    PackageSigner signer = new PackageSigner(keys.get(0), clock);
    this.keys = List.copyOf(keys);
    this.trust = trust;
    this.ledger = ledger;
    this.folders = folders;
    this.targetId = targetId;
    this.verifier = new SyncPackageVerifier(trust, threads);
    this.receipts = new Receipts(signer, targetId, folders.receipts());
    this.store = new ReplicaStore(folders.replica());
    this.progress = progress;
    this.sequencer = new Sequencer(ledger, folders, verifier, new PackageApplier(ledger, store,
        folders, receipts, targetId, clock, operator, progress, () -> repaired), progress);
    this.clock = clock;
    this.operator = operator;
  }

  /**
   * Finishes any update a crash interrupted, forward or back as the ledger decides, and
   * returns what was done; run before anything else reads the replica.
   */
  public static List<String> recover(TargetLedger ledger, TargetFolders folders)
      throws IOException {
    if (!ledger.tryHold(REPLICA)) {
      // Another command on the shared ledger is applying packages: its update is under way,
      // not interrupted; should that command die, the next one to run here finishes it.
      return List.of();
    }
    try {
      return ReplicaUpdate.recover(new ReplicaStore(folders.replica()), folders.work(), id -> {
        try {
          // A work folder under another name than a package id was never any package's.
          return PackageId.isValid(id) && ledger.inTransaction(tx -> tx.packages().find(
              PackageId.of(id))).map(p -> p.state() == PackageState.APPLIED).orElse(false);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } finally {
      ledger.release(REPLICA);
    }
  }

  /** Work on the replica. */
  @FunctionalInterface
  private interface ReplicaWork<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code work} as the one command changing the replica: on a shared ledger, a second
   * import (or recovery) at once would apply packages out of turn, or finish an update that
   * is still going on.
   */
  private static <T> T exclusively(TargetLedger ledger, ReplicaWork<T> work)
      throws IOException {
    if (!ledger.tryHold(REPLICA)) {
      throw new IOException("another command is applying packages to this replica through "
          + "the shared ledger; wait for it to finish and run this again; nothing was changed");
    }
    try {
      return work.run();
    } finally {
      ledger.release(REPLICA);
    }
  }

  /**
   * Imports every package at {@code medium}, writing receipts into {@code receiptTo}, and
   * returns what became of each, reporting each to {@code done} as it is settled.
   */
  public List<ImportOutcome> importAll(Path medium, Path receiptTo,
      Consumer<ImportOutcome> done) throws IOException {
    return exclusively(ledger, () -> importAllHeld(medium, receiptTo, done));
  }

  private List<ImportOutcome> importAllHeld(Path medium, Path receiptTo,
      Consumer<ImportOutcome> done) throws IOException {
    List<ImportOutcome> out = new ArrayList<>();
    for (Path p : PackageFinder.find(medium)) {
      if (PackageFinder.isDiscImage(p)) {
        out.addAll(importImage(p, receiptTo, done));
        continue;
      }
      out.addAll(importPackage(p, p, receiptTo, done));
    }
    return out;
  }

  /**
   * Imports the package (plain or encrypted) at {@code p}, shown as {@code shown} in what it
   * reports, delivering each receipt into {@code receiptTo} and telling {@code done}.
   */
  private List<ImportOutcome> importPackage(Path p, Path shown, Path receiptTo,
      Consumer<ImportOutcome> done) throws IOException {
    List<ImportOutcome> out = new ArrayList<>();
    boolean isSealed = EnvelopeReader.isEnvelope(p);
    for (Settled s : isSealed ? importSealed(p) : importOne(p)) {
      ImportOutcome delivered = deliver(s.shownAs(p, shown), receiptTo, isSealed);
      out.add(delivered);
      done.accept(delivered);
    }
    return out;
  }

  /**
   * Imports the packages on a disc image ({@code .iso}, as {@code package build --iso} writes
   * it): checks the image against the MD5 checksums recorded in it, copies its files into the
   * scratch folder, imports the packages there and removes the copy.
   */
  private List<ImportOutcome> importImage(Path image, Path receiptTo,
      Consumer<ImportOutcome> done) throws IOException {
    org.gapsync.platform.media.Xorriso xorriso = org.gapsync.platform.media.Xorriso.find(
        "reading disc images");
    String dev = org.gapsync.platform.media.Xorriso.stdio(image);
    Path copy = folders.scratch().resolve(".image-" + image.getFileName());
    org.gapsync.format.files.FileTrees.delete(copy);
    try {
      Optional<PackageFormatException> damage = Optional.empty();
      try {
        xorriso.checkImage(dev, folders.scratch());
      } catch (PackageFormatException e) {
        damage = Optional.of(e);
      }
      xorriso.extract(dev, copy, folders.scratch());
      if (damage.isPresent()) {
        repaired = Optional.of(repair(image, copy, damage.get()));
      }
      List<ImportOutcome> out = new ArrayList<>();
      for (Path p : PackageFinder.find(copy)) {
        out.addAll(importPackage(p, image.resolve(p.getFileName().toString()), receiptTo,
            done));
      }
      return out;
    } finally {
      repaired = Optional.empty();
      org.gapsync.format.files.FileTrees.delete(copy);
    }
  }

  /**
   * Rebuilds, from the recovery data beside it, what the damage of a disc image spoilt in the
   * copy of its files, and says what was rebuilt.
   *
   * @throws PackageFormatException when the image has no recovery data, or too much damage
   */
  private String repair(Path image, Path copy, PackageFormatException damage)
      throws IOException {
    if (org.gapsync.platform.media.Par2.index(copy).isEmpty()) {
      throw new PackageFormatException(image + ": " + damage.getMessage() + "; it carries no "
          + "recovery data to repair it; ask the source for the volume again", damage);
    }
    org.gapsync.platform.media.Par2.Repair r = org.gapsync.platform.media.Par2.find(
        "repairing disc images from their recovery data").repair(copy, folders.scratch())
        .orElseThrow();
    return Plural.of(r.repaired().size(), "file") + " of the disc repaired from its recovery "
        + "data (" + r.repaired().stream().limit(10).collect(Collectors.joining(", "))
        + (r.repaired().size() > 10 ? ", ..." : "") + ")";
  }

  /**
   * Declares volume {@code number} of the set {@code packageId} lost or unreadable
   * ({@link LostVolumes}), writes its receipt into {@code receiptTo}, and applies what waited
   * for the set; returns the lost volume's outcome, then those.
   *
   * @throws org.gapsync.platform.UsageException when no volume of the set was seen here, the
   *     number is not one of the set's, or the volume has come (applied, rejected or kept)
   */
  public List<ImportOutcome> declareLost(PackageId packageId, int number, String reason,
      Path receiptTo) throws IOException {
    return exclusively(ledger, () -> declareLostHeld(packageId, number, reason, receiptTo));
  }

  private List<ImportOutcome> declareLostHeld(PackageId packageId, int number, String reason,
      Path receiptTo) throws IOException {
    List<ImportOutcome> out = new ArrayList<>();
    for (Settled s : new LostVolumes(ledger, receipts, sequencer, targetId, clock, operator)
        .declare(packageId, number, reason, receiptTo)) {
      out.add(deliver(s, receiptTo, false));
    }
    // What the set's records spanning the lost volume kept here will never be whole.
    SpanningRecords.prune(ledger, folders.pieces());
    return out;
  }

  /**
   * Decrypts an encrypted package into the scratch folder, imports that, and removes it. One
   * that this target cannot open is refused without a receipt.
   */
  private List<Settled> importSealed(Path sealed) throws IOException {
    DecryptedCopy plain;
    try {
      plain = DecryptedCopy.create(sealed, keys, folders.scratch());
    } catch (PackageFormatException e) {
      return List.of(refuse(ledger, sealed, Optional.empty(), "refused without a receipt: "
          + e.getMessage(), List.of()));
    }
    try (plain) {
      return importOne(plain.path()).stream().map(s -> s.shownAs(plain.path(), sealed))
          .toList();
    }
  }

  private List<Settled> importOne(Path path) throws IOException {
    Verification<PackageHeader> v = verify(verifier, path, progress);
    if (v.header().isEmpty() && ReceiptKind.INSTANCE.isHeldBy(path)) {
      Optional<Receipt> receipt = new ReceiptVerifier(trust).verify(path).header();
      return List.of(refuse(ledger, path, Optional.empty(), "refused: this is a receipt"
          + receipt.map(r -> " from " + r.targetPlatform() + " for package " + r.packageId())
              .orElse("") + ", not a package; carry it back to " + receipt.map(
                  Receipt::sourcePlatform).orElse("the source") + " and ingest it there with "
          + "'receipt ingest'; nothing was changed here", List.of()));
    }
    if (v.header().isEmpty() && DamageReportKind.INSTANCE.isHeldBy(path)) {
      return List.of(refuse(ledger, path, Optional.empty(), "refused: this is a damage report "
          + "('replica report-damage'), not a package; carry it back to the source and ingest "
          + "it there with 'receipt ingest'; nothing was changed here", List.of()));
    }
    if (v.header().isEmpty()) {
      String why = v.report().findings().stream().limit(3).map(Object::toString)
          .collect(Collectors.joining("; "));
      return List.of(refuse(ledger, path, Optional.empty(), "refused without a receipt: its "
          + "package id cannot be read safely (" + why + ")", v.report().findings()));
    }
    PackageHeader h = v.header().get();
    PackageId id = h.packageId();
    if (!h.destination().equals(targetId)) {
      return List.of(refuse(ledger, path, Optional.of(id), "refused without a receipt: package "
          + id + " is for " + h.destination() + ", not for this target (" + targetId
          + "); import it there", List.of()));
    }
    if (!v.isValid() && !isAuthentic(v, h)) {
      // Nobody can tell who made it: it takes no place under the id it claims, so that a
      // forgery cannot keep the genuine package of that id from applying.
      Finding first = v.report().findings().get(0);
      return List.of(refuse(ledger, path, Optional.of(id), "refused without a receipt: not "
          + "authentic, it does not show that " + h.sourcePlatform() + " made it (" + first
          + "); nothing is recorded under its id, and the genuine package " + id
          + " still applies", v.report().findings()));
    }
    Optional<ReceivedPackage> seen = ledger.inTransaction(tx -> tx.packages().find(
        h.bagName()));
    if (seen.isPresent() && seen.get().state() == PackageState.LOST) {
      Settled lost = again(path, seen.get(), Optional.empty());
      return List.of(new Settled(lost.outcome().toBuilder().message(h.volume().orElseThrow()
          + " of package " + id + " came after all, but it was declared lost here at "
          + seen.get().settledAt().map(Object::toString).orElse("?") + " (" + seen.get()
              .detail() + ") and its records are sent again; nothing applied, the receipt "
          + "that declared it lost written again").build(), lost.storedReceipt()));
    }
    if (seen.isPresent()) {
      return List.of(again(path, seen.get(), difference(seen.get(), v, h)));
    }
    if (h.volume().isPresent()) {
      Optional<String> other = otherBuild(h);
      if (other.isPresent()) {
        return List.of(refuse(ledger, path, Optional.of(id), "refused without a receipt: "
            + h.volume().get() + " of package " + id + " belongs to another build of it: "
            + other.get() + "; nothing was changed; find the volume written with the others "
            + "(each names the time the set was built in its bag-info)", List.of()));
      }
    }
    List<Settled> out = new ArrayList<>();
    try {
      out.add(v.isValid() ? adoptSuccessor(v, sequencer.place(path, v, h))
          : reject(path, v, h));
    } catch (PackageFormatException e) {
      out.add(refuse(ledger, path, Optional.of(id), "not applied: " + e.getMessage(),
          List.of()));
    }
    out.addAll(sequencer.drain(h.sourcePlatform()));
    return out;
  }

  /**
   * Trusts from now on the signer of a verified package when only its key succession made it
   * trusted: the source rotated its key, and its earlier key, which this target trusts,
   * announced the new certificate.
   */
  private Settled adoptSuccessor(Verification<PackageHeader> v, Settled placed)
      throws IOException {
    if (v.signature().isEmpty() || placed.outcome().kind() == ImportOutcome.Kind.REFUSED) {
      return placed;
    }
    SignatureCheck check = v.signature().get();
    return TrustStore.adopt(folders.trust(), check).map(a -> placed.noting("; "
        + check.trustedAs().orElseThrow() + " rotated its key: trusting its new certificate "
        + Certificates.describe(a.successor()) + " from now on, announced by "
        + Certificates.describe(a.predecessor()))).orElse(placed);
  }


  /**
   * Returns how a volume differs from the volumes of its set seen before, if it does: every
   * volume of one set was built at one time, after one predecessor, in one count. A volume of
   * an earlier build that failed before the ledger recorded it bears the same package id.
   */
  private Optional<String> otherBuild(PackageHeader h) throws IOException {
    List<ReceivedPackage> seen = ledger.inTransaction(tx -> tx.packages().volumesOf(
        h.packageId()));
    for (ReceivedPackage p : seen) {
      ReceivedPackage.VolumeOf v = p.volumeOf().orElseThrow();
      if (v.volume().count() != h.volume().get().count()) {
        return Optional.of("it is one of " + h.volume().get().count() + " volumes, but "
            + v.volume() + " seen here is one of " + v.volume().count());
      }
      if (!p.created().equals(Optional.of(h.created()))
          || !p.previousPackageId().equals(h.previousPackageId())) {
        return Optional.of("it was built at " + h.created() + ", but " + v.volume()
            + " seen here was built at " + p.created().map(Object::toString).orElse("another "
                + "time"));
      }
    }
    return Optional.empty();
  }

  /**
   * Rejects an authentic package that failed verification (its payload damaged), with a
   * receipt saying why; its sequence counts.
   */
  private Settled reject(Path path, Verification<PackageHeader> v, PackageHeader h)
      throws IOException {
    PackageId id = h.packageId();
    String src = h.sourcePlatform();
    List<Finding> findings = v.report().findings();
    var checks = QualityChecks.ofRejected(findings, signer(v));
    List<RecordResult> records = new ArrayList<>();
    List<ImportedRecord> described = new ArrayList<>();
    String reason = "the package was rejected: " + findings.get(0);
    List<String> titles = new ArrayList<>();
    List<Optional<ReplicaRecord>> held = ledger.inTransaction(tx -> {
      List<Optional<ReplicaRecord>> found = new ArrayList<>();
      titles.clear();
      for (var rc : h.records()) {
        found.add(tx.replica().record(src, rc.archivalId()));
        titles.add(tx.replica().title(src, rc.archivalId()).orElse(""));
      }
      return found;
    });
    for (int i = 0; i < h.records().size(); i++) {
      var rc = h.records().get(i);
      Optional<ReplicaRecord> record = held.get(i);
      List<FileState> now = record.isPresent() ? store.reread(src, record.get().folder())
          : List.of();
      RecordResult result = new RecordResult(rc.archivalId(), rc.version(),
          RecordOutcome.REJECTED, Optional.of(reason), now);
      records.add(result);
      described.add(new ImportedRecord(result, rc.change(), titles.get(i)));
    }
    String message = "rejected, nothing applied: " + Plural.of(findings.size(), "finding")
        + ", first: " + findings.get(0);
    ImportOutcome outcome = ImportOutcome.builder(path, ImportOutcome.Kind.REJECTED, message)
        .of(h).checks(checks).records(described).findings(findings).build();
    Receipt receipt = Receipts.answering(h).by(targetId, clock.instant(), operator)
        .outcome(PackageOutcome.REJECTED).findings(findings).checks(checks).records(records)
        .build();
    Path stored = receipts.store(receipt, PackageApplier.formatOf(path), List.of(outcome));
    ledger.inTransaction(tx -> {
      tx.packages().insert(ReceivedPackage.builder(h, bytes(h)).state(PackageState.REJECTED)
          .received(tx.now(), tx.actor()).settled(tx.now()).detail(message).build());
      if (h.sequence() == tx.packages().progress(src).lastSequence() + 1) {
        Sequencer.advance(tx, h);
      }
      tx.packages().setReceipt(h.bagName(), receipt.receiptId());
      return null;
    });
    return new Settled(outcome, Optional.of(stored));
  }

  /** Verifies the package at {@code path}, telling {@code progress} how hashing goes. */
  static Verification<PackageHeader> verify(SyncPackageVerifier verifier, Path path,
      ImportProgress progress) throws IOException {
    String name = path.getFileName().toString();
    return verifier.verify(path, (total, done) -> progress.advanced(name,
        ImportProgress.Step.VERIFY, total, done));
  }

  /**
   * Writes a settled package's receipt, if it has one, onto the medium: encrypted to its
   * source's certificate when the package came encrypted and that certificate is trusted.
   */
  private ImportOutcome deliver(Settled s, Path receiptTo, boolean isSealed)
      throws IOException {
    Optional<X509Certificate> sealTo = isSealed ? s.outcome().sourceId().flatMap(
        trust::current) : Optional.empty();
    if (s.storedReceipt().isEmpty()) {
      if (s.outcome().kind() == ImportOutcome.Kind.WAITING && s.outcome().sourceId()
          .isPresent()) {
        Optional<Path> notice = noticeGap(s.outcome().sourceId().get(), receiptTo, sealTo);
        return notice.map(n -> s.outcome().toBuilder().receipt(n).build()).orElse(
            s.outcome());
      }
      return s.outcome();
    }
    Path written = receipts.deliver(s.storedReceipt().get(), receiptTo, sealTo, folders
        .scratch());
    CrashPoint.reach("delivered");
    return s.outcome().toBuilder().receipt(written).build();
  }

  /**
   * Writes into {@code receiptTo} the gap notice for {@code source} when packages of it wait
   * for sequence numbers that have not come (a package that has come waits for its set's other
   * volumes alone otherwise): the source sends the missing ones again at once. Returns where.
   */
  private Optional<Path> noticeGap(String source, Path receiptTo,
      Optional<X509Certificate> sealTo) throws IOException {
    Optional<GapNotice> gap = ledger.inTransaction(tx -> {
      long last = tx.packages().progress(source).lastSequence();
      java.util.TreeMap<Long, PackageId> held = new java.util.TreeMap<>();
      for (ReceivedPackage p : tx.packages().waiting()) {
        if (p.sourceId().equals(source) && p.sequence() > last) {
          held.putIfAbsent(p.sequence(), p.volumeOf().map(ReceivedPackage.VolumeOf::packageId)
              .orElse(p.packageId()));
        }
      }
      List<Long> missing = new ArrayList<>();
      for (long q = last + 1; !held.isEmpty() && q < held.lastKey(); q++) {
        if (!held.containsKey(q)) {
          missing.add(q);
        }
      }
      if (missing.isEmpty()) {
        return Optional.<GapNotice>empty();
      }
      List<GapNotice.Held> after = held.tailMap(missing.get(0), false).entrySet().stream()
          .map(e -> new GapNotice.Held(e.getKey(), e.getValue())).toList();
      return Optional.of(GapNotice.of(source, targetId, clock.instant(), operator, last,
          missing, after));
    });
    if (gap.isEmpty()) {
      return Optional.empty();
    }
    Path stored = receipts.store(gap.get());
    return Optional.of(receipts.deliver(stored, receiptTo, sealTo, folders.scratch()));
  }

  /**
   * Returns how a package differs from the one settled under its id before, if it does: it does
   * not verify, or its sequence, predecessor, number of records or bytes are not the same.
   */
  private static Optional<String> difference(ReceivedPackage p, Verification<PackageHeader> v,
      PackageHeader h) {
    List<String> differs = new ArrayList<>();
    if (!v.isValid()) {
      differs.add("it does not verify (" + v.report().findings().get(0) + ")");
    }
    if (p.sequence() != h.sequence() || !p.previousPackageId().equals(h.previousPackageId())) {
      differs.add("sequence " + h.sequence() + " after " + h.previousPackageId().map(
          PackageId::value).orElse("none") + ", not " + p.sequence() + " after "
          + p.previousPackageId().map(PackageId::value).orElse("none"));
    }
    if (p.recordCount() != h.records().size() || p.bytes() != bytes(h)) {
      differs.add(h.records().size() + " records of " + bytes(h) + " bytes, not "
          + p.recordCount() + " of " + p.bytes());
    }
    return differs.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differs));
  }

  /**
   * Answers a package seen before: its original receipt again, or that it still waits; one
   * that {@code differs} from the package settled under its id is said to differ.
   */
  private Settled again(Path path, ReceivedPackage p, Optional<String> differs)
      throws IOException {
    if (p.state() == PackageState.WAITING) {
      return Settled.withoutReceipt(ImportOutcome.builder(path, ImportOutcome.Kind.WAITING,
          "already waiting: " + p.detail()).of(p.packageId(), p.sourceId(), p.sequence())
          .build());
    }
    Path stored = receipts.storedOf(p);
    PackageId receiptId = p.receiptId().orElseThrow();
    ledger.inTransaction(tx -> {
      tx.packages().setReceipt(p.packageId(), receiptId);
      return null;
    });
    String settled = p.state().name().toLowerCase(java.util.Locale.ROOT) + " " + p.settledAt()
        .map(Object::toString).orElse("");
    String message = differs.map(d -> "differs from the package " + settled + " under this "
        + "id: " + d + "; nothing applied, the original receipt written again; find out where "
        + "this copy came from").orElse("seen before (" + settled + "); nothing applied "
        + "again, its original receipt written again");
    return new Settled(ImportOutcome.builder(path, differs.isPresent()
        ? ImportOutcome.Kind.DIFFERS : ImportOutcome.Kind.DUPLICATE, message).of(p.packageId(),
        p.sourceId(), p.sequence()).build(), Optional.of(stored));
  }

  /** Records that the package at {@code path} was refused, and returns its outcome. */
  static Settled refuse(TargetLedger ledger, Path path, Optional<PackageId> id, String message,
      List<Finding> findings) throws IOException {
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

  static String signer(Verification<PackageHeader> v) {
    return v.signature().map(s -> s.trustedAs().orElse("an untrusted signer") + s.signer()
        .map(c -> " (" + Certificates.describe(c) + ")").orElse("")).orElse("nobody");
  }

  static long bytes(PackageHeader h) {
    return h.records().stream().flatMap(r -> r.files().stream()).mapToLong(FileState::size)
        .sum();
  }
}
