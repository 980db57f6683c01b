package org.gapsync.format.syncpackage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyncPackageRoundTripTest {
  private final SigningKey key = Fixtures.key(Fixtures.SOURCE);

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void readsWhatWriterWrote(ContainerFormat format, @TempDir Path dir) throws Exception {
    WrittenPackage written = Fixtures.writePackage(key, format, dir);

    Verification<PackageHeader> v = new SyncPackageVerifier(
        Fixtures.trusting(Fixtures.SOURCE, key), 2).verify(written.path());

    assertEquals(List.of(), v.report().findings());
    assertEquals(written.header(), v.header().orElseThrow());
    assertEquals(Fixtures.SOURCE, v.signature().orElseThrow().trustedAs().orElseThrow());
    assertEquals(3, written.payloadFiles());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void reportsProgressUpToTheWholePayload(ContainerFormat format, @TempDir Path dir)
      throws Exception {
    WrittenPackage written = Fixtures.writePackage(key, format, dir);
    java.util.concurrent.ConcurrentLinkedQueue<long[]> heard =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    new SyncPackageVerifier(Fixtures.trusting(Fixtures.SOURCE, key), 2).verify(written.path(),
        (total, done) -> heard.add(new long[] {total, done}));

    long payload = written.header().records().stream().flatMap(r -> r.files().stream())
        .mapToLong(org.gapsync.format.FileState::size).sum();
    assertTrue(payload > 0);
    assertTrue(heard.stream().allMatch(h -> h[0] == payload && h[1] <= payload));
    assertEquals(payload, heard.stream().mapToLong(h -> h[1]).max().orElseThrow());
  }

  @Test
  void leavesOnlyTheFinalNameOnTheMedium(@TempDir Path dir) throws Exception {
    WrittenPackage written = Fixtures.writePackage(key, ContainerFormat.TAR, dir);

    try (var files = Files.list(dir)) {
      assertEquals(List.of(written.path()), files.toList());
    }
    assertEquals("archive-lan-reading-room-1.tar", written.path().getFileName().toString());
  }

  @Test
  void folderFormIsValidForLibraryOfCongressBagit(@TempDir Path dir) throws Exception {
    WrittenPackage written = Fixtures.writePackage(key, ContainerFormat.DIRECTORY, dir);

    Bag bag = new BagReader().read(written.path());
    try (BagVerifier loc = new BagVerifier()) {
      loc.isValid(bag, false);
    }
    assertEquals("1.0", bag.getVersion().toString());
    assertTrue(Files.exists(written.path().resolve("data/A-2020-001/scans/page 1.txt")));
  }
}
