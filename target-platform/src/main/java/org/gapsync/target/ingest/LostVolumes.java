package org.gapsync.target.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.target.ledger.PackageState;
import org.gapsync.target.ledger.ReceivedPackage;
import org.gapsync.target.ledger.TargetLedger;

/**
 * The volumes of sets that will never come: {@code package lost} declares one lost or
 * unreadable, a receipt signed here says so, and the set settles without it.
 */
final class LostVolumes {
  private final TargetLedger ledger;
  private final Receipts receipts;
  private final Sequencer sequencer;
  private final String targetId;
  private final Clock clock;
  private final String operator;

  LostVolumes(TargetLedger ledger, Receipts receipts, Sequencer sequencer, String targetId,
      Clock clock, String operator) {
    this.ledger = ledger;
    this.receipts = receipts;
    this.sequencer = sequencer;
    this.targetId = targetId;
    this.clock = clock;
    this.operator = operator;
  }

  /**
   * Declares volume {@code number} of the set {@code packageId} lost or unreadable: it will
   * never apply here. Stores the receipt that says so (it lists no record: the source sends
   * again every record it put on that volume), and, when that settles the set, applies what
   * waited for it. Returns the lost volume's outcome, then those, each with its receipt to
   * deliver into {@code receiptTo}.
   *
   * @throws org.gapsync.platform.UsageException when no volume of the set was seen here, the
   *     number is not one of the set's, or the volume has come (applied, rejected or kept)
   */
  List<Settled> declare(PackageId packageId, int number, String reason, Path receiptTo)
      throws IOException {
    List<ReceivedPackage> seen = ledger.inTransaction(tx -> tx.packages().volumesOf(
        packageId));
    if (seen.isEmpty()) {
      throw new org.gapsync.platform.UsageException("no volume of package " + packageId
          + " has come here, so its count and place are unknown; import one of its volumes "
          + "first ('status' lists the sets in progress); if none of its discs can be read, "
          + "tell the source's archivist: its records stay exported there until a receipt "
          + "answers them");
    }
    ReceivedPackage any = seen.get(0);
    int count = any.volumeOf().orElseThrow().volume().count();
    if (number < 1 || number > count) {
      throw new org.gapsync.platform.UsageException("package " + packageId + " has " + count
          + " volumes: --volume must be 1 to " + count + ", not " + number);
    }
    org.gapsync.format.Volume volume = new org.gapsync.format.Volume(number, count);
    Optional<ReceivedPackage> same = seen.stream().filter(p -> p.volumeOf().orElseThrow()
        .volume().number() == number).findFirst();
    PackageId bag = volume.bagName(packageId);
    if (same.isPresent() && same.get().state() == PackageState.LOST) {
      Path stored = receipts.storedOf(same.get());
      ImportOutcome o = ImportOutcome.builder(receiptTo.resolve(bag.value()),
          ImportOutcome.Kind.LOST, volume + " was declared lost already (" + same.get()
              .detail() + "); its receipt written again").of(packageId, any.sourceId(),
          any.sequence()).build();
      return List.of(new Settled(o, Optional.of(stored)));
    }
    if (same.isPresent()) {
      throw new org.gapsync.platform.UsageException(volume + " of package " + packageId
          + " is not lost: it is " + same.get().state().name().toLowerCase(java.util.Locale
          .ROOT) + " here since " + same.get().receivedAt() + (same.get().state()
          == PackageState.REJECTED ? " (its receipt already makes the source send its "
          + "records again)" : ""));
    }
    String src = any.sourceId();
    String detail = "declared lost by " + operator + ": " + reason;
    Receipt receipt = Receipt.answering(packageId, src, any.sequence(), volume)
        .by(targetId, clock.instant(), operator).outcome(PackageOutcome.LOST)
        .checks(List.of(new org.gapsync.format.receipt.PropertyCheck(
            org.gapsync.format.receipt.QualityProperty.INTEGRITY, false, volume + " of "
                + packageId + " " + detail))).build();
    ImportOutcome outcome = ImportOutcome.builder(receiptTo.resolve(bag.value()),
        ImportOutcome.Kind.LOST, volume + " " + detail + "; nothing of it applied, the source "
            + "sends its records again").of(packageId, src, any.sequence()).build();
    Path stored = receipts.store(receipt, org.gapsync.format.container.ContainerFormat.TAR,
        List.of(outcome));
    ledger.inTransaction(tx -> {
      tx.packages().insert(any.toBuilder().volume(new ReceivedPackage.VolumeOf(packageId,
          volume), 0, 0).state(PackageState.LOST).received(tx.now(), tx.actor())
          .settled(tx.now()).detail(detail).build());
      Sequencer.passSet(tx, src, any.sequence(), packageId, count);
      tx.packages().setReceipt(bag, receipt.receiptId());
      return null;
    });
    List<Settled> out = new ArrayList<>();
    out.add(new Settled(outcome, Optional.of(stored)));
    out.addAll(sequencer.drain(src));
    return out;
  }
}
