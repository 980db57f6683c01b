package org.gapsync.verify;

import java.util.List;
import org.gapsync.format.PackageId;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.testing.Fixtures;

/** A receipt to verify. */
final class Receipts {
  private Receipts() {}

  static Receipt sample() {
    return new Receipt(PackageId.of("receipt-1"), PackageId.of("archive-lan-reading-room-1"),
        Fixtures.SOURCE, Fixtures.TARGET, 1, Fixtures.NOW, "operator", PackageOutcome.ACCEPTED,
        List.of(), List.of(), List.of());
  }
}
