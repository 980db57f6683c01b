package org.gapsync.target.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.SyncPackageVerifier;
import org.gapsync.target.ledger.PackageState;
import org.gapsync.target.ledger.ReceivedPackage;
import org.gapsync.target.ledger.SourceProgress;
import org.gapsync.target.ledger.TargetLedger;
import org.gapsync.target.ledger.Transaction;

/**
 * Keeps each source's packages in sequence order. A verified package applies when its turn has
 * come, waits in the home when a predecessor is missing, and is refused when its number was
 * passed and the package was never seen (a replay). Once a package settles, {@link #drain}
 * applies the waiting packages whose turn has come, and passes the numbers of authentic
 * packages rejected out of order. A package that is not authentic takes no number at all.
 */
final class Sequencer {
  private final TargetLedger ledger;
  private final TargetFolders folders;
  private final SyncPackageVerifier verifier;
  private final PackageApplier applier;
  private final ImportProgress listener;

  Sequencer(TargetLedger ledger, TargetFolders folders, SyncPackageVerifier verifier,
      PackageApplier applier, ImportProgress listener) {
    this.listener = listener;
    this.ledger = ledger;
    this.folders = folders;
    this.verifier = verifier;
    this.applier = applier;
  }

  /** Applies, holds or refuses a verified package by its place in its source's sequence. */
  Settled place(Path path, Verification<PackageHeader> v, PackageHeader h)
      throws IOException {
    String src = h.sourcePlatform();
    SourceProgress progress = ledger.inTransaction(tx -> tx.packages().progress(src));
    long next = progress.lastSequence() + 1;
    if (h.sequence() < next) {
      return Importer.refuse(ledger, path, Optional.of(h.packageId()), "refused without a "
          + "receipt: sequence " + h.sequence() + " from " + src + " was passed already (last "
          + "settled: "
          + progress.lastSequence() + ") and package " + h.packageId() + " was never seen "
          + "here; a replay or a forged sequence", List.of());
    }
    if (h.sequence() == next) {
      return applier.apply(path, h, Importer.signer(v), sequenceNote(h, progress),
          Importer.bytes(h), false);
    }
    return hold(path, h, next);
  }

  private static String sequenceNote(PackageHeader h, SourceProgress progress) {
    return h.sequence() == 1 ? "sequence 1, the first from " + h.sourcePlatform()
        : "sequence " + h.sequence() + " follows " + progress.lastSequence() + " without a gap";
  }

  /** Keeps a verified package whose predecessor has not been applied yet. */
  private Settled hold(Path path, PackageHeader h, long next) throws IOException {
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
      tx.packages().insert(ReceivedPackage.builder(h, Importer.bytes(h))
          .state(PackageState.WAITING).received(tx.now(), tx.actor()).heldPath(held.toString())
          .detail(detail).build());
      return null;
    });
    return Settled.withoutReceipt(ImportOutcome.builder(path, ImportOutcome.Kind.WAITING,
        detail + "; kept in " + held).of(h).build());
  }

  /**
   * Moves the source of the package {@code h} describes past its sequence, now that it has
   * settled: a package written whole at once, a set of volumes once its last volume has.
   */
  static void advance(Transaction tx, PackageHeader h) throws IOException {
    if (h.volume().isEmpty()) {
      tx.packages().advance(h.sourcePlatform(), h.sequence(), h.packageId());
    } else {
      passSet(tx, h.sourcePlatform(), h.sequence(), h.packageId(), h.volume().get().count());
    }
  }

  /**
   * Moves source {@code src} past the set {@code set} of {@code count} volumes at
   * {@code sequence} when its turn has come and every volume has settled, and returns whether
   * the source is past it now.
   */
  static boolean passSet(Transaction tx, String src, long sequence, PackageId set, int count)
      throws IOException {
    long last = tx.packages().progress(src).lastSequence();
    if (last >= sequence) {
      return true;
    }
    if (sequence == last + 1 && tx.packages().isSetSettled(set, count)) {
      tx.packages().advance(src, sequence, set);
      // What waited for a volume lost or refused: the source sends those records again.
      tx.spanning().dropSet(set);
      return true;
    }
    return false;
  }

  /** Applies waiting packages, and passes authentic rejections, whose turn has come. */
  List<Settled> drain(String src) throws IOException {
    List<Settled> out = new ArrayList<>();
    while (true) {
      SourceProgress progress = ledger.inTransaction(tx -> tx.packages().progress(src));
      long next = progress.lastSequence() + 1;
      List<ReceivedPackage> atNext = ledger.inTransaction(tx -> tx.packages().atSequence(src,
          next));
      Optional<ReceivedPackage.VolumeOf> set = atNext.stream().flatMap(p -> p.volumeOf()
          .stream()).findFirst();
      if (set.isPresent()) {
        if (!drainSet(src, next, set.get(), atNext, progress, out)) {
          return out;
        }
        continue;
      }
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
        return out;
      }
      out.add(applyHeld(waiting.get(), progress));
    }
  }

  /**
   * Applies the waiting volumes of the set whose turn has come, and returns whether the set has
   * now settled, every volume applied or rejected, and the source moved past it.
   */
  private boolean drainSet(String src, long next, ReceivedPackage.VolumeOf set,
      List<ReceivedPackage> atNext, SourceProgress progress, List<Settled> out)
      throws IOException {
    for (ReceivedPackage p : atNext) {
      if (p.state() == PackageState.WAITING && p.volumeOf().isPresent()) {
        out.add(applyHeld(p, progress));
      }
    }
    return ledger.inTransaction(tx -> passSet(tx, src, next, set.packageId(),
        set.volume().count()));
  }

  private Settled applyHeld(ReceivedPackage p, SourceProgress progress) throws IOException {
    Path held = Path.of(p.heldPath().orElseThrow());
    Verification<PackageHeader> v = Importer.verify(verifier, held, listener);
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
    Settled s = applier.apply(held, h, Importer.signer(v), sequenceNote(h, progress),
        Importer.bytes(h), true);
    FileTrees.delete(held);
    return s;
  }
}
