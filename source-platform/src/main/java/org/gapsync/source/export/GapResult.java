package org.gapsync.source.export;

import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.signature.KeySuccession;

/**
 * What ingesting a gap notice found: the packages its destination waits for. It changes
 * nothing in the ledger; whoever carries packages sends the missing ones again.
 *
 * @param noticeId the gap notice
 * @param destination the destination that waits
 * @param lastSequence the last package it has applied
 * @param missing the packages it waits for, in sequence order, each as this ledger knows it
 * @param held the packages it holds until they come
 * @param adopted the destination's new certificate, if its notice announced one
 */
public record GapResult(PackageId noticeId, String destination, long lastSequence,
    List<Missing> missing, List<PackageId> held,
    Optional<KeySuccession.Announcement> adopted) implements Ingested {
  /**
   * A package the destination waits for.
   *
   * @param sequence its sequence number
   * @param packageId its id
   * @param isBuilt whether this source built it (a destination that waits for a package never
   *     built has a ledger out of step with this one)
   * @param isAnswered whether a receipt for it has been ingested here (then the notice is older
   *     than the receipt: the package came after all)
   */
  public record Missing(long sequence, PackageId packageId, boolean isBuilt,
      boolean isAnswered) {}

  /** Copies the lists. */
  public GapResult {
    missing = List.copyOf(missing);
    held = List.copyOf(held);
  }

  /** Returns this result telling that {@code announcement} was adopted. */
  GapResult adopting(Optional<KeySuccession.Announcement> announcement) {
    return new GapResult(noticeId, destination, lastSequence, missing, held, announcement);
  }
}
