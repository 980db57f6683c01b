package org.gapsync.format.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.receipt.DamageReport;
import org.gapsync.format.receipt.GapNotice;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptVerifier;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeReader;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.RecordChange;
import org.gapsync.format.syncpackage.SyncPackageVerifier;
import org.gapsync.format.testing.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden package and receipt that any format version wrote still opens, verifies and
 * says what it said, in this build: media on shelves must open for ever. The unencrypted
 * packages are valid bags for the Library of Congress's bagit-java too.
 */
class GoldenPackagesTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  /** SHA-256 of {@link GoldenPackages#PAGE}. */
  private static final String PAGE_SHA256 =
      "54be28f07242fb195930e46757d0df77f7fa0a80ca56094e7c54551280744bae";

  @TempDir
  Path scratch;

  /** Returns every profile folder of every golden version, as {@code VERSION/PROFILE}. */
  static List<String> sets() throws IOException {
    List<String> sets = new ArrayList<>();
    try (Stream<Path> versions = Files.list(GOLDEN)) {
      for (Path version : versions.sorted().toList()) {
        try (Stream<Path> profiles = Files.list(version)) {
          profiles.sorted().forEach(p -> sets.add(GOLDEN.relativize(p).toString()
              .replace('\\', '/')));
        }
      }
    }
    assertFalse(sets.isEmpty(), "no golden packages under " + GOLDEN.toAbsolutePath());
    return sets;
  }

  private static Path only(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> all = s.toList();
      assertEquals(1, all.size(), folder + ": " + all);
      return all.get(0);
    }
  }

  private static SigningKey key(Path set, String name) throws IOException {
    return SigningKey.load(set.resolve(name + ".p12"), GoldenPackages.PASSPHRASE);
  }

  private static TrustStore trusting(Path set, String id, String name) throws IOException {
    return TrustStore.empty().with(id, Certificates.readPem(set.resolve(name + ".pem")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void everyContainerOfThePackageVerifiesAndSaysWhatItSaid(String name) throws Exception {
    Path set = GOLDEN.resolve(name);
    for (String form : List.of("directory", "tar", "zip")) {
      Path pkg = only(set.resolve("package-" + form));

      assertHeader(form, verifyPackage(set, pkg));
      assertTrue(isValidForLibraryOfCongress(form, pkg), form);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void theEncryptedPackageOpensWithTheTargetsKeyAndVerifies(String name) throws Exception {
    Path set = GOLDEN.resolve(name);
    Path sealed = only(set.resolve("package-sealed"));
    assertTrue(EnvelopeReader.isEnvelope(sealed));
    Path plain = scratch.resolve(EnvelopeReader.plainName(sealed));

    EnvelopeReader.decrypt(sealed, key(set, "target"), plain);

    assertHeader("sealed", verifyPackage(set, plain));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void theReceiptVerifiesSealedOrNot(String name) throws Exception {
    Path set = GOLDEN.resolve(name);
    Path sealed = only(set.resolve("receipt-sealed"));
    Path plain = scratch.resolve(EnvelopeReader.plainName(sealed));
    EnvelopeReader.decrypt(sealed, key(set, "source"), plain);

    for (Path receipt : List.of(only(set.resolve("receipt-tar")), plain)) {
      Verification<Receipt> v = new ReceiptVerifier(trusting(set, Fixtures.TARGET, "target"))
          .verify(receipt);
      assertEquals(List.of(), v.report().findings(), receipt.toString());
      Receipt r = v.header().orElseThrow();
      assertEquals(PackageOutcome.ACCEPTED, r.outcome());
      assertEquals("archive-lan-reading-room-1", r.packageId().value());
      assertEquals(List.of("A-2020-001", "A-2020-002", "A-2020-003"), r.records().stream()
          .map(x -> x.archivalId()).toList());
      assertEquals(PAGE_SHA256, r.records().get(0).files().get(0).digest().hex());
    }
    assertEquals(Files.size(only(set.resolve("receipt-tar"))), Files.size(plain));
  }

  /** Returns the sets that hold a damage report: those of format 1.1 and later. */
  static List<String> setsWithDamageReports() throws IOException {
    return sets().stream().filter(s -> Files.isDirectory(GOLDEN.resolve(s)
        .resolve("damage-report-tar"))).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setsWithDamageReports")
  void theDamageReportVerifiesAndSaysWhatItSaid(String name) throws Exception {
    Path set = GOLDEN.resolve(name);
    Verification<DamageReport> v = new ReceiptVerifier(trusting(set, Fixtures.TARGET,
        "target")).verifyDamageReport(only(set.resolve("damage-report-tar")));

    assertEquals(List.of(), v.report().findings());
    assertEquals(GoldenPackages.damageReport(), v.header().orElseThrow());
  }

  /** Returns the sets that hold a gap notice: those of format 1.2 and later. */
  static List<String> setsWithGapNotices() throws IOException {
    return sets().stream().filter(s -> Files.isDirectory(GOLDEN.resolve(s)
        .resolve("gap-notice-tar"))).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setsWithGapNotices")
  void theGapNoticeVerifiesAndSaysWhatItSaid(String name) throws Exception {
    Path set = GOLDEN.resolve(name);
    Verification<GapNotice> v = new ReceiptVerifier(trusting(set, Fixtures.TARGET,
        "target")).verifyGapNotice(only(set.resolve("gap-notice-tar")));

    assertEquals(List.of(), v.report().findings());
    assertEquals(GoldenPackages.gapNotice(), v.header().orElseThrow());
  }

  @org.junit.jupiter.api.Test
  void everySetOfFormat12HasAGapNotice() throws Exception {
    assertEquals(sets().stream().filter(s -> s.startsWith("1.2/")).toList(),
        setsWithGapNotices());
  }

  @org.junit.jupiter.api.Test
  void everySetOfFormat11HasADamageReport() throws Exception {
    assertEquals(sets().stream().filter(s -> !s.startsWith("1.0/")).toList(),
        setsWithDamageReports());
  }

  /** Returns the sets that hold a set of volumes: those of format 1.2 and later. */
  static List<String> setsWithVolumes() throws IOException {
    return sets().stream().filter(s -> Files.isDirectory(GOLDEN.resolve(s)
        .resolve("volumes-tar"))).toList();
  }

  @org.junit.jupiter.api.Test
  void everySetFromFormat12OnHasASetOfVolumes() throws Exception {
    assertEquals(sets().stream().filter(s -> !s.startsWith("1.0/") && !s.startsWith("1.1/"))
        .toList(), setsWithVolumes());
    assertFalse(setsWithVolumes().isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setsWithVolumes")
  void eachVolumeVerifiesAloneAndItsReceiptSaysWhichVolumeItAnswers(String name)
      throws Exception {
    Path set = GOLDEN.resolve(name);
    List<Path> volumes;
    try (Stream<Path> s = Files.list(set.resolve("volumes-tar"))) {
      volumes = s.sorted().toList();
    }
    assertEquals(List.of("archive-lan-reading-room-1.v1-of-2.tar",
        "archive-lan-reading-room-1.v2-of-2.tar"), volumes.stream().map(p -> p.getFileName()
        .toString()).toList());
    List<String> records = new ArrayList<>();
    for (int k = 1; k <= 2; k++) {
      PackageHeader h = verifyPackage(set, volumes.get(k - 1));
      assertEquals(java.util.Optional.of(new org.gapsync.format.Volume(k, 2)), h.volume());
      assertEquals("archive-lan-reading-room-1", h.packageId().value());
      h.records().forEach(r -> records.add(describe(r)));
    }
    assertEquals(List.of("A-2020-001 ADD 1", "A-2020-002 MODIFY 3", "A-2020-003 DELETE 2"),
        records);
    Verification<Receipt> v = new ReceiptVerifier(trusting(set, Fixtures.TARGET, "target"))
        .verify(only(set.resolve("volume-receipt-tar")));
    assertEquals(List.of(), v.report().findings());
    assertEquals(GoldenPackages.volumeReceipt(Fixtures.spec(1)), v.header().orElseThrow());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setsWithVolumes")
  void aFileInPartsOverTwoVolumesVerifiesOnEachAndJoinsToTheWholeFile(String name)
      throws Exception {
    Path set = GOLDEN.resolve(name);
    List<Path> volumes;
    try (Stream<Path> s = Files.list(set.resolve("parts-tar"))) {
      volumes = s.sorted().toList();
    }
    java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
    for (int k = 1; k <= 2; k++) {
      PackageHeader h = verifyPackage(set, volumes.get(k - 1));
      RecordChange r = h.records().get(0);
      assertEquals("A-2020-009 ADD 1", describe(r));
      assertEquals(2, r.spans());
      var film = r.files().stream().filter(f -> f.path().value().equals("film.bin"))
          .findFirst().orElseThrow();
      assertEquals(org.gapsync.format.Digest.of(org.gapsync.format.DigestAlgorithm.SHA256,
          GoldenPackages.film()), film.digest(), "the whole file's digest, on each volume");
      assertEquals(k, r.parts().get(film.path()).number());
      try (var reader = org.gapsync.format.container.ContainerReader.open(volumes.get(k - 1));
          InputStream in = reader.open(reader.find(r.payloadPath(film.path()).value())
              .orElseThrow())) {
        in.transferTo(joined);
      }
    }
    assertTrue(java.util.Arrays.equals(GoldenPackages.film(), joined.toByteArray()));
  }

  private static PackageHeader verifyPackage(Path set, Path pkg) throws IOException {
    Verification<PackageHeader> v = new SyncPackageVerifier(trusting(set, Fixtures.SOURCE,
        "source"), 1).verify(pkg);
    assertEquals(List.of(), v.report().findings(), pkg.toString());
    return v.header().orElseThrow();
  }

  private static void assertHeader(String form, PackageHeader h) {
    assertEquals("archive-lan-reading-room-1", h.packageId().value(), form);
    assertEquals(1, h.sequence(), form);
    assertEquals(List.of("A-2020-001 ADD 1", "A-2020-002 MODIFY 3", "A-2020-003 DELETE 2"),
        h.records().stream().map(GoldenPackagesTest::describe).toList(), form);
    RecordChange first = h.records().get(0);
    assertEquals(List.of("metadata.xml", "scans/page 1.txt", "说明/题名.txt"), first.files()
        .stream().map(f -> f.path().value()).toList(), form);
    assertEquals(PAGE_SHA256, first.files().get(1).digest().hex(), form);
  }

  private static String describe(RecordChange r) {
    return r.archivalId() + " " + r.change() + " " + r.version();
  }

  /** Extracts a tar or zip with Commons Compress, so that bagit-java reads it as a folder. */
  private boolean isValidForLibraryOfCongress(String form, Path pkg) throws Exception {
    Path folder = pkg;
    if (!form.equals("directory")) {
      folder = Files.createDirectories(scratch.resolve(form));
      try (InputStream in = Files.newInputStream(pkg); ArchiveInputStream<?> archive =
          form.equals("tar") ? new TarArchiveInputStream(in) : new ZipArchiveInputStream(in)) {
        for (ArchiveEntry e; (e = archive.getNextEntry()) != null; ) {
          Path to = folder.resolve(e.getName()).normalize();
          assertTrue(to.startsWith(folder), e.getName());
          if (e.isDirectory()) {
            Files.createDirectories(to);
          } else {
            Files.createDirectories(to.getParent());
            Files.copy(archive, to);
          }
        }
      }
      folder = only(folder);
    }
    Bag bag = new BagReader().read(folder);
    try (BagVerifier loc = new BagVerifier()) {
      loc.isValid(bag, false);
    }
    return bag.getVersion().toString().equals("1.0");
  }
}
