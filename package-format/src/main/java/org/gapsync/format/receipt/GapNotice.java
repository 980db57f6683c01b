package org.gapsync.format.receipt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.gapsync.format.PackageId;

/**
 * A target's signed word to a source that packages of its wait for earlier ones that have not
 * come ({@code sync/gap-notice.xml}): the source sends the missing ones again. It changes
 * nothing in the source's ledger. A target builds one with {@link #of}, which names it.
 *
 * <pre>{@code
 * GapNotice n = GapNotice.of("archive-lan", "backup", clock.instant(), "li.na", 1,
 *     List.of(2L), List.of(new GapNotice.Held(3, PackageId.of("archive-lan-backup-000003"))));
 * }</pre>
 *
 * @param noticeId the notice's id
 * @param sourcePlatform the platform whose packages are missing
 * @param targetPlatform the platform that waits for them and signs this notice
 * @param issued when the target noticed the gap
 * @param operator who ran the import that noticed it
 * @param lastSequence the last package from the source applied, 0 if none
 * @param missing the sequence numbers after it that have not come, at least one, ascending
 * @param held the packages that have come and wait, at least one, by ascending sequence
 */
public record GapNotice(PackageId noticeId, String sourcePlatform, String targetPlatform,
    Instant issued, String operator, long lastSequence, List<Long> missing, List<Held> held) {
  /**
   * A package held until the missing ones come.
   *
   * @param sequence its sequence number
   * @param packageId its id
   */
  public record Held(long sequence, PackageId packageId) {
    /** Checks the parts. */
    public Held {
      Objects.requireNonNull(packageId, "packageId");
      if (sequence < 1) {
        throw new IllegalArgumentException("sequence < 1: " + sequence);
      }
    }
  }

  /** Checks the parts: missing numbers after the last applied, held ones after the first. */
  public GapNotice {
    Objects.requireNonNull(noticeId, "noticeId");
    PackageId.of(sourcePlatform);
    PackageId.of(targetPlatform);
    issued = issued.truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(operator, "operator");
    missing = List.copyOf(missing);
    held = List.copyOf(held);
    if (lastSequence < 0) {
      throw new IllegalArgumentException("lastSequence < 0: " + lastSequence);
    }
    if (missing.isEmpty() || held.isEmpty()) {
      throw new IllegalArgumentException("a gap notice names at least one missing sequence "
          + "and one package held");
    }
    long previous = lastSequence;
    for (long m : missing) {
      if (m <= previous) {
        throw new IllegalArgumentException("missing sequence " + m + " is not after "
            + previous);
      }
      previous = m;
    }
    previous = missing.get(0);
    for (Held h : held) {
      if (h.sequence() <= previous || missing.contains(h.sequence())) {
        throw new IllegalArgumentException("held sequence " + h.sequence() + " is not after "
            + previous + " or is missing too");
      }
      previous = h.sequence();
    }
  }

  /**
   * Returns the notice {@code targetPlatform} gives {@code sourcePlatform}, named
   * {@link PackageId#gapNotice}.
   */
  public static GapNotice of(String sourcePlatform, String targetPlatform, Instant issued,
      String operator, long lastSequence, List<Long> missing, List<Held> held) {
    return new GapNotice(PackageId.gapNotice(sourcePlatform, targetPlatform, issued),
        sourcePlatform, targetPlatform, issued, operator, lastSequence, missing, held);
  }
}
