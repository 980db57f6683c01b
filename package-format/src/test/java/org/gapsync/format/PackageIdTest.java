package org.gapsync.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PackageIdTest {
  @Test
  void namesAPackageBySourceDestinationAndSequence() {
    assertEquals(PackageId.of("archive-lan-reading-room-000042"),
        PackageId.of("archive-lan", "reading-room", 42));
  }

  @Test
  void namesAPackageOfLongPlatformIdsByTheirDigestAndStaysDistinctPerPair() {
    String longId = "a".repeat(100);
    PackageId one = PackageId.of(longId, "b".repeat(100), 7);
    PackageId other = PackageId.of(longId, "c".repeat(100), 7);
    assertTrue(one.value().matches("pkg-[0-9a-f]{32}-000007"), one.value());
    assertTrue(!one.equals(other), "another destination, another id");
  }

  @Test
  void refusesASequenceBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> PackageId.of("a", "b", 0));
  }

  @Test
  void namesTheReceiptAfterItsPackage() {
    assertEquals(PackageId.of("archive-lan-reading-room-000042.receipt"),
        PackageId.of("archive-lan", "reading-room", 42).receipt());
    PackageId longest = PackageId.of("p".repeat(128));
    assertTrue(longest.receipt().value().matches("receipt-[0-9a-f]{32}"), longest.receipt()
        .value());
  }
}
