package org.gapsync.format.receipt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gapsync.format.PackageId;

/**
 * A target's signed report of the records it found damaged in its replica, for the source that
 * sent them ({@code sync/damage-report.xml}). The source queues each record again; its next
 * package carries what the damage took. A target builds one with {@link #of}, which names it.
 *
 * <pre>{@code
 * DamageReport r = DamageReport.of("archive-lan", "reading-room", clock.instant(), "li.na", 7,
 *     List.of(new DamagedRecord("F001-2024-0001", 2, List.of("data/a.pdf: changed"), files)));
 * }</pre>
 *
 * @param reportId the report's id
 * @param sourcePlatform the platform that sent the records
 * @param targetPlatform the platform whose replica holds them and that signs this report
 * @param verified when the replica was re-read
 * @param operator who had it re-read
 * @param lastSequence the last package from the source applied when the replica was re-read,
 *     0 if none: the report describes the replica after that package
 * @param records the damaged records, at least one
 */
public record DamageReport(PackageId reportId, String sourcePlatform, String targetPlatform,
    Instant verified, String operator, long lastSequence, List<DamagedRecord> records) {
  /** Checks the parts and that each record appears once. */
  public DamageReport {
    Objects.requireNonNull(reportId, "reportId");
    PackageId.of(sourcePlatform);
    PackageId.of(targetPlatform);
    verified = verified.truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(operator, "operator");
    records = List.copyOf(records);
    if (lastSequence < 0) {
      throw new IllegalArgumentException("lastSequence < 0: " + lastSequence);
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException("a damage report names at least one record");
    }
    Set<String> ids = new HashSet<>();
    records.forEach(r -> {
      if (!ids.add(r.archivalId())) {
        throw new IllegalArgumentException("record listed twice: " + r.archivalId());
      }
    });
  }

  /**
   * Returns the report of {@code records} that {@code targetPlatform} makes for
   * {@code sourcePlatform}, named {@link PackageId#damageReport}.
   */
  public static DamageReport of(String sourcePlatform, String targetPlatform, Instant verified,
      String operator, long lastSequence, List<DamagedRecord> records) {
    return new DamageReport(PackageId.damageReport(sourcePlatform, targetPlatform, verified),
        sourcePlatform, targetPlatform, verified, operator, lastSequence, records);
  }
}
