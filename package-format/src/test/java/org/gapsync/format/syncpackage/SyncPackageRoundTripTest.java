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
    PackageHeader h = v.header().orElseThrow();
    assertEquals(written.spec(), new PackageSpec(h.packageId(), h.sourcePlatform(),
        h.destination(), h.template(), h.sequence(), h.previousPackageId(), h.created(),
        h.operator()));
    assertEquals(List.of("A-2020-001", "A-2020-002", "A-2020-003"),
        h.records().stream().map(RecordChange::archivalId).toList());
    assertEquals(written.records(), h.records().size());
    assertEquals(written.header(), v.contents().tags().orElseThrow().asMap()
        .get(SyncPackageKind.INSTANCE.document()), "the header's digest as written");
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

    long payload = written.payloadBytes();
    assertTrue(payload > 0);
    assertTrue(heard.stream().allMatch(h -> h[0] == payload && h[1] <= payload));
    assertEquals(payload, heard.stream().mapToLong(h -> h[1]).max().orElseThrow());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void aVolumeOfASetIsABagOfItsOwnInTheGroupOfItsPackage(ContainerFormat format,
      @TempDir Path dir) throws Exception {
    PackageSpec spec = Fixtures.spec(7).withVolume(new org.gapsync.format.Volume(2, 12));
    WrittenPackage written = Fixtures.writer(key, format).write(spec, Fixtures.records(), dir);

    Verification<PackageHeader> v = new SyncPackageVerifier(
        Fixtures.trusting(Fixtures.SOURCE, key), 2).verify(written.path());

    assertEquals(List.of(), v.report().findings());
    PackageHeader h = v.header().orElseThrow();
    assertEquals(spec.volume(), h.volume());
    assertEquals(spec.packageId(), h.packageId());
    assertTrue(written.path().getFileName().toString().startsWith(
        "archive-lan-reading-room-7.v02-of-12"), written.path().toString());
    var info = v.contents().info().orElseThrow();
    assertEquals("archive-lan-reading-room-7.v02-of-12",
        info.get("External-Identifier").orElseThrow());
    assertEquals("archive-lan-reading-room-7", info.get("Bag-Group-Identifier").orElseThrow());
    assertEquals("2 of 12", info.get("Bag-Count").orElseThrow());
    if (format == ContainerFormat.DIRECTORY) {
      String xml = Files.readString(written.path().resolve("sync/package.xml"));
      assertTrue(xml.contains("formatVersion=\"1.2\"") && xml.contains(
          "<volume number=\"2\" count=\"12\"/>"), xml);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void aVolumeCarriesThePartOfAFileLargerThanAVolumeAndTheHeaderTheWholeFile(
      ContainerFormat format, @TempDir Path dir) throws Exception {
    byte[] file = new byte[10_000];
    new java.util.Random(5).nextBytes(file);
    byte[] second = java.util.Arrays.copyOfRange(file, 4096, 8192);
    org.gapsync.format.FileState whole = new org.gapsync.format.FileState(
        new org.gapsync.format.PackagePath("film.bin"), file.length, org.gapsync.format.Digest
            .of(org.gapsync.format.DigestAlgorithm.SHA256, file));
    RecordContent record = new RecordContent("A-2020-009", ChangeKind.ADD, 1, List.of(
        new PayloadFile(whole.path(), org.gapsync.format.bag.PayloadSource.ofBytes(second),
            java.util.Optional.empty(), java.util.Optional.of(new PayloadFile.Part(2, 3, 4096,
                whole)))), List.of(), 3);
    PackageSpec spec = Fixtures.spec(7).withVolume(new org.gapsync.format.Volume(2, 3));
    WrittenPackage written = Fixtures.writer(key, format).write(spec, List.of(record), dir);

    Verification<PackageHeader> v = new SyncPackageVerifier(
        Fixtures.trusting(Fixtures.SOURCE, key), 2).verify(written.path());

    assertEquals(List.of(), v.report().findings());
    RecordChange r = v.header().orElseThrow().records().get(0);
    assertEquals(3, r.spans());
    assertEquals(List.of(whole), r.files());
    assertEquals(new FilePart(2, 3, 4096, 4096, org.gapsync.format.Digest.of(
        org.gapsync.format.DigestAlgorithm.SHA256, second)), r.parts().get(whole.path()));
    assertEquals(4096, written.payloadBytes(), "the payload holds the part");
  }

  @Test
  void aVolumeWhoseBagCountDisagreesWithItsHeaderIsRefused(@TempDir Path dir)
      throws Exception {
    PackageSpec spec = Fixtures.spec(7).withVolume(new org.gapsync.format.Volume(1, 3));
    WrittenPackage written = Fixtures.writer(key, ContainerFormat.DIRECTORY).write(spec,
        Fixtures.records(), dir);
    Path info = written.path().resolve("bag-info.txt");
    Files.writeString(info, Files.readString(info).replace("Bag-Count: 1 of 3",
        "Bag-Count: 1 of 2"));

    Verification<PackageHeader> v = new SyncPackageVerifier(
        Fixtures.trusting(Fixtures.SOURCE, key), 2).verify(written.path());

    assertTrue(v.report().findings().stream().anyMatch(f -> f.message().equals(
        "Bag-Count 1 of 2 != volume 1 of 3 in the header")), v.report().findings()
        .toString());
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

  @Test
  void listsPayloadManifestAndHeaderInOneOrderAcrossBatches(@TempDir Path dir,
      @TempDir Path scratch) throws Exception {
    List<RecordContent> records = new java.util.ArrayList<>();
    for (int i = 1500; i > 0; i--) {
      records.add(new RecordContent("B-" + i, ChangeKind.ADD, 1, List.of(
          Fixtures.file("b.txt", "second " + i), Fixtures.file("a.txt", "first " + i)),
          List.of()));
    }

    WrittenPackage written = Fixtures.writer(key, ContainerFormat.TAR).spillingInto(scratch)
        .write(Fixtures.spec(1), RecordSource.of(records), dir, n -> { });

    List<String> expected = new java.util.ArrayList<>();
    records.forEach(r -> r.files().forEach(f -> expected.add("data/" + r.archivalId() + "/"
        + f.path().value())));
    List<String> inTar = new java.util.ArrayList<>();
    String manifest = null;
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
        Files.newInputStream(written.path()))) {
      for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        // A tar holds the bag in one folder named after the package.
        String name = e.getName().substring(e.getName().indexOf('/') + 1);
        if (name.startsWith("data/")) {
          inTar.add(name);
        } else if (name.equals("manifest-sha256.txt")) {
          manifest = new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    assertEquals(expected, inTar);
    assertEquals(expected, manifest.lines().map(l -> l.substring(66)).toList());
    PackageHeader h = new SyncPackageVerifier(Fixtures.trusting(Fixtures.SOURCE, key), 2)
        .verify(written.path()).header().orElseThrow();
    List<String> declared = new java.util.ArrayList<>();
    h.records().forEach(r -> r.files().forEach(f -> declared.add(r.payloadPath(f.path())
        .value())));
    assertEquals(expected, declared);
    assertEquals(1500, written.records());
    try (var left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList(), "no spill file left behind");
    }
  }
}
