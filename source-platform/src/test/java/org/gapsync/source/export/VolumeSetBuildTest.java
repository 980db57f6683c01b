package org.gapsync.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.gapsync.format.Volume;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.RecordChange;
import org.gapsync.format.syncpackage.SyncPackageVerifier;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.home.PlatformKind;
import org.gapsync.platform.ledger.TestLedgers;
import org.gapsync.source.cli.SourceCommand;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.VolumeRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A package too large for one volume, written as a set: every volume within its size and
 * filled close to it, each a signed bag that verifies alone, the records shared out whole.
 */
class VolumeSetBuildTest {
  private static final Path EXAMPLES = PackageBuilderTest.EXAMPLES;
  private static final long MIB = 1 << 20;
  /** A clock with milliseconds, as real ones have: tar entries then carry their time in pax. */
  private static final java.time.Clock CLOCK = java.time.Clock.fixed(Fixtures.NOW.plusMillis(
      123), java.time.ZoneOffset.UTC);

  @TempDir
  Path dir;

  private PlatformHome home;
  private final org.gapsync.format.signature.SigningKey backupKey = Fixtures.key("backup");

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
    Path cert = dir.resolve("backup.pem");
    Certificates.writePem(backupKey.certificate(), cert);
    holdings(dir.resolve("holdings"), 300);
    cli(TestLedgers.init("init", "--id", "archive-lan"));
    cli("user", "add", System.getProperty("user.name"), "--role", "archivist");
    cli("holdings", "scan", dir.resolve("holdings").toString());
    home = PlatformHome.at(dir.resolve("home"), PlatformKind.SOURCE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"backup.xml", "reading-room.xml", "offsite-backup.xml"})
  void aPackageTooLargeForOneVolumeIsASetOfFullVolumesEachVerifyingAlone(String template)
      throws Exception {
    cli("destination", "add", "--id", "backup", "--template",
        EXAMPLES.resolve(template).toString(), "--cert", dir.resolve("backup.pem").toString());
    Path medium = Files.createDirectory(dir.resolve("discs"));

    String out = cli("package", "build", "--destination", "backup", "--to", medium.toString(),
        "--volume-size", "1MiB");

    List<Path> volumes;
    try (Stream<Path> s = Files.list(medium)) {
      volumes = s.sorted().filter(p -> !p.getFileName().toString().endsWith(".README.txt")
          && !p.getFileName().toString().endsWith(".CONTENTS.csv")).toList();
    }
    int n = volumes.size();
    assertTrue(n >= 3, volumes.toString());
    assertTrue(out.contains("as " + n + " volumes of at most 1MiB (1048576 bytes): "), out);
    Set<String> carried = new HashSet<>();
    for (int k = 1; k <= n; k++) {
      Path v = volumes.get(k - 1);
      // The volume is its bag and the label beside it, each file in whole blocks.
      long taken = 0;
      try (Stream<Path> s = Files.list(medium)) {
        String name = v.getFileName().toString().replaceFirst("\\.tar(\\.p7m)?$", "") + ".";
        for (Path p : s.filter(p -> p.getFileName().toString().startsWith(name)
            || p.equals(v)).toList()) {
          taken += org.gapsync.format.files.FileTrees.size(p, VolumeBudget.BLOCK);
          taken += Files.isDirectory(p) ? 0 : VolumeBudget.BLOCK - 1 - (Files.size(p)
              + VolumeBudget.BLOCK - 1) % VolumeBudget.BLOCK;
        }
      }
      assertTrue(taken <= MIB, v + " takes " + taken);
      if (k < n && !template.equals("reading-room.xml")) {
        assertTrue(taken >= MIB * 90 / 100, v + " takes only " + taken + " of " + MIB);
      }
      assertTrue(v.getFileName().toString().startsWith("archive-lan-backup-000001.v" + k
          + "-of-" + n), v.toString());
      if (template.equals("offsite-backup.xml")) {
        String bag = v.getFileName().toString().replaceFirst("\\.tar\\.p7m$", "");
        String readme = Files.readString(medium.resolve(bag + ".README.txt"));
        assertTrue(readme.contains("only its private key opens it")
            && !readme.contains("Records") && !readme.contains("F009"), readme);
        assertTrue(Files.notExists(medium.resolve(bag + ".CONTENTS.csv")));
        continue;
      }
      Verification<PackageHeader> verified = new SyncPackageVerifier(TrustStore.empty()
          .with("archive-lan", home.key("correct horse".toCharArray()).certificate()), 2)
          .verify(v);
      assertEquals(List.of(), verified.report().findings(), v.toString());
      PackageHeader h = verified.header().orElseThrow();
      assertEquals(Optional.of(new Volume(k, n)), h.volume());
      List<String> listed = new ArrayList<>();
      for (RecordChange r : h.records()) {
        assertTrue(carried.add(r.archivalId()), r.archivalId() + " on two volumes");
        r.files().forEach(f -> listed.add(r.archivalId() + "," + f.path() + "," + f.size()));
      }
      // Its label beside it: the description, and the list of every file it carries.
      String bag = v.getFileName().toString().replaceFirst("\\.tar$", "");
      String readme = Files.readString(medium.resolve(bag + ".README.txt"));
      assertTrue(readme.contains("第 " + k + " 卷，共 " + n + " 卷 / volume " + k + " of " + n)
          && readme.contains("档案 Records:        " + h.records().size())
          && readme.contains("sha256 " + verified.contents().tags().orElseThrow().asMap()
              .get(org.gapsync.format.syncpackage.SyncPackageKind.DOCUMENT).hex()), readme);
      List<String> rows = new ArrayList<>();
      try (var csv = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
          .setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(medium.resolve(bag
              + ".CONTENTS.csv")))) {
        csv.forEach(row -> rows.add(row.get("archivalId") + "," + row.get("path") + ","
            + row.get("size")));
      }
      assertEquals(listed, rows);
    }
    try (SourceLedger ledger = SourceLedger.open(home.ledger(), CLOCK, "t")) {
      List<VolumeRow> rows = ledger.inTransaction(tx -> tx.volumes().of(
          org.gapsync.format.PackageId.of("archive-lan-backup-000001")));
      assertEquals(n, rows.size());
      assertEquals(300, rows.stream().mapToInt(VolumeRow::recordCount).sum());
    }
    if (!template.equals("offsite-backup.xml")) {
      assertEquals(300, carried.size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"backup.xml", "reading-room.xml"})
  void eachVolumeBecomesADiscImageThatFitsItsDiscAndHoldsTheBag(String template)
      throws Exception {
    cli("destination", "add", "--id", "backup", "--template",
        EXAMPLES.resolve(template).toString(), "--cert", dir.resolve("backup.pem").toString());
    Path medium = Files.createDirectory(dir.resolve("discs"));

    String out = cli("package", "build", "--destination", "backup", "--to", medium.toString(),
        "--volume-size", "1MiB", "--iso");

    List<Path> images;
    try (Stream<Path> s = Files.list(medium)) {
      images = s.sorted().toList();
    }
    int n = images.size();
    assertTrue(n >= 3 && out.contains("each disc image checked against the MD5 checksums "
        + "xorriso recorded"), out + images);
    org.gapsync.platform.media.Xorriso xorriso = org.gapsync.platform.media.Xorriso.find("t");
    Set<String> carried = new HashSet<>();
    for (int k = 1; k <= n; k++) {
      Path image = images.get(k - 1);
      String bag = "archive-lan-backup-000001.v" + String.format("%0" + Integer.toString(n)
          .length() + "d", k) + "-of-" + n;
      assertEquals(bag + ".iso", image.getFileName().toString());
      assertTrue(Files.size(image) <= MIB, image + ": " + Files.size(image));
      // A tar is one file on the disc; a folder's every file has its records in the image's
      // two trees and its packets in the recovery data, counted at their most.
      if (k < n) {
        long least = template.equals("backup.xml") ? MIB * 85 / 100 : MIB * 70 / 100;
        assertTrue(Files.size(image) >= least, image + ": " + Files.size(image));
      }
      xorriso.checkImage(org.gapsync.platform.media.Xorriso.stdio(image), dir.resolve("logs"));
      Path read = dir.resolve("read-" + k);
      xorriso.extract(org.gapsync.platform.media.Xorriso.stdio(image), read, dir.resolve("logs"));
      List<Path> inside;
      try (Stream<Path> s = Files.list(read)) {
        inside = s.sorted().toList();
      }
      // The bag, its label, and its recovery data: an index and a file of recovery blocks.
      assertEquals(5, inside.size(), inside.toString());
      assertTrue(names(inside).containsAll(List.of("README.txt", "CONTENTS.csv")));
      assertTrue(names(inside).contains(bag + ".par2"), inside.toString());
      assertEquals(1, names(inside).stream().filter(f -> f.matches(java.util.regex.Pattern
          .quote(bag) + "\\.vol0+\\+[0-9]+\\.par2")).count(), inside.toString());
      inside = inside.stream().filter(p -> p.getFileName().toString().startsWith(bag)
          && !p.getFileName().toString().endsWith(".par2")).toList();
      assertEquals(template.equals("backup.xml") ? bag + ".tar" : bag,
          inside.get(0).getFileName().toString());
      Verification<PackageHeader> verified = new SyncPackageVerifier(TrustStore.empty()
          .with("archive-lan", home.key("correct horse".toCharArray()).certificate()), 2)
          .verify(inside.get(0));
      assertEquals(List.of(), verified.report().findings(), image.toString());
      verified.header().orElseThrow().records().forEach(r -> carried.add(r.archivalId()));
    }
    assertEquals(300, carried.size());
  }

  @Test
  void burnsEachImageOntoABlankDiscReadsItBackAndAsksForTheNext() throws Exception {
    addBackup();
    Path medium = Files.createDirectory(dir.resolve("discs"));
    cli("package", "build", "--destination", "backup", "--to", medium.toString(),
        "--volume-size", "3MiB", "--iso");
    List<Path> images;
    try (Stream<Path> s = Files.list(medium)) {
      images = s.sorted().toList();
    }
    assertEquals(2, images.size(), images.toString());
    Path drive = dir.resolve("drive");
    // The operator takes the burnt disc out when asked, and puts a blank one in.
    java.io.InputStream operator = new java.io.InputStream() {
      private boolean isAnswered;

      @Override
      public int read() throws java.io.IOException {
        if (isAnswered) {
          return -1;
        }
        isAnswered = true;
        Files.move(drive, dir.resolve("disc-1"));
        return '\n';
      }
    };
    java.io.InputStream stdin = System.in;
    String out;
    try {
      System.setIn(operator);
      List<String> args = new ArrayList<>(List.of("package", "burn", "--device",
          "stdio:" + drive));
      images.forEach(i -> args.add(i.toString()));
      out = cli(args.toArray(String[]::new));
    } finally {
      System.setIn(stdin);
    }

    assertTrue(out.contains("burnt " + images.get(0) + " onto stdio:" + drive + ": read back, "
        + "xorriso's MD5 checksums match, "), out);
    assertTrue(out.contains("insert a blank disc for archive-lan-backup-000001.v2-of-2.iso "
        + "(disc 2 of 2) into stdio:" + drive + " and press Enter"), out);
    assertTrue(out.contains("records verified as read from the disc; ejected"), out);
    assertTrue(out.contains("2 discs burnt and verified"), out);
    org.gapsync.platform.media.Xorriso xorriso = org.gapsync.platform.media.Xorriso.find("t");
    for (Path disc : List.of(dir.resolve("disc-1"), drive)) {
      xorriso.checkImage("stdio:" + disc, dir.resolve("logs"));
    }
    try (SourceLedger ledger = SourceLedger.open(home.ledger(), CLOCK, "t")) {
      var id = org.gapsync.format.PackageId.of("archive-lan-backup-000001");
      assertEquals(List.of(1, 1), List.of(ledger.inTransaction(tx -> tx.volumes().burnt(id, 1)),
          ledger.inTransaction(tx -> tx.volumes().burnt(id, 2))));
    }

    Path premis = dir.resolve("premis.xml");
    cli("ledger", "export-premis", "--out", premis.toString());
    String events = Files.readString(premis);
    assertEquals(2, events.split("burnt " + java.util.regex.Pattern.quote(medium.toString()),
        -1).length - 1, "one PREMIS event per disc burnt");
    assertTrue(events.contains("(volume 2) onto stdio:" + drive + ", read back and verified"),
        events.substring(0, Math.min(2000, events.length())));

    String notBlank = fails(2, "package", "burn", "--device", "stdio:" + drive,
        images.get(0).toString());
    assertTrue(notBlank.startsWith("error: the disc in stdio:" + drive + " is not blank (is "
        + "written"), notBlank);
    Path stranger = Files.writeString(dir.resolve("holiday.iso"), "not ours");
    String unknown = fails(2, "package", "burn", "--device", "stdio:" + dir.resolve("d3"),
        stranger.toString());
    assertTrue(unknown.contains("is not a disc image of 'package build --iso'")
        || unknown.contains("the ledger knows no package or volume holiday"), unknown);
  }

  @Test
  void aVolumesReceiptSettlesItsOwnRecordsAndOneThatAnswersNothingBuiltIsRefused()
      throws Exception {
    addBackup();
    Path medium = Files.createDirectory(dir.resolve("discs"));
    cli("package", "build", "--destination", "backup", "--to", medium.toString(),
        "--volume-size", "1MiB");
    Path first;
    try (Stream<Path> s = Files.list(medium)) {
      first = s.filter(p -> p.toString().endsWith(".tar")).sorted().findFirst().orElseThrow();
    }
    PackageHeader h = new SyncPackageVerifier(TrustStore.empty().with("archive-lan",
        home.key("correct horse".toCharArray()).certificate()), 2).verify(first).header()
        .orElseThrow();
    int n = h.volume().orElseThrow().count();

    String whole = fails(3, "receipt", "ingest", receipt(h, Optional.empty()).toString());
    String stranger = fails(3, "receipt", "ingest", receipt(h, Optional.of(new Volume(n + 1,
        n + 1))).toString());
    String out = cli("receipt", "ingest", receipt(h, h.volume()).toString());

    assertTrue(whole.contains("receipt for package archive-lan-backup-000001 whole, but it was "
        + "written as " + n + " volumes"), whole);
    assertTrue(stranger.contains("receipt for volume " + (n + 1) + " of " + (n + 1)
        + " of package archive-lan-backup-000001, which was written as " + n + " volumes"),
        stranger);
    assertTrue(out.contains(h.records().size() + " confirmed, 0 failed"), out);
    Path premis = dir.resolve("premis.xml");
    cli("ledger", "export-premis", "--out", premis.toString());
    assertTrue(Files.readString(premis).contains("of backup for volume 1 of " + n
        + " verified: signed by its trusted certificate"));
    String list = cli("destination", "list", "--format", "csv");
    assertTrue(list.contains("archive-lan-backup-000001 (volumes 2, 3") && list.contains(
        " of " + n + ")"), list);
    String exported = cli("ledger", "query", "--destination", "backup", "--state", "exported",
        "--format", "csv");
    assertEquals(300 - h.records().size(), exported.lines().count() - 1, exported);
    assertTrue(cli("receipt", "ingest", receipt(h, h.volume()).toString()).contains(
        "was ingested before; nothing changed"), "a second ingest changes nothing");
  }

  /** Plays the target: every record of {@code h} applied, for {@code volume} or the whole. */
  private Path receipt(PackageHeader h, Optional<Volume> volume) throws Exception {
    List<org.gapsync.format.receipt.RecordResult> results = h.records().stream().map(r ->
        new org.gapsync.format.receipt.RecordResult(r.archivalId(), r.version(),
            org.gapsync.format.receipt.RecordOutcome.APPLIED, Optional.empty(), r.files()))
        .toList();
    var builder = volume.map(v -> org.gapsync.format.receipt.Receipt.answering(h.packageId(),
        h.sourcePlatform(), h.sequence(), v)).orElseGet(() -> org.gapsync.format.receipt
        .Receipt.answering(h.packageId(), h.sourcePlatform(), h.sequence()));
    var receipt = builder.by("backup", Fixtures.NOW, "operator").outcome(
        org.gapsync.format.receipt.PackageOutcome.ACCEPTED).records(results).build();
    return new org.gapsync.format.receipt.ReceiptWriter(new org.gapsync.format.signature
        .PackageSigner(backupKey, CLOCK), org.gapsync.format.container.ContainerFormat.TAR,
        org.gapsync.format.container.ContainerWriter.Options.DEFAULT).write(receipt,
        java.util.Map.of(), Files.createDirectories(dir.resolve("receipt-" + System.nanoTime())));
  }

  @Test
  void anEncryptedPackageOnADiscShowsNothingButItsIdAndBurnsWithItsEnvelopeChecked()
      throws Exception {
    cli("destination", "add", "--id", "backup", "--template",
        EXAMPLES.resolve("offsite-backup.xml").toString(), "--cert",
        dir.resolve("backup.pem").toString());
    Path medium = Files.createDirectory(dir.resolve("discs"));
    cli("package", "build", "--destination", "backup", "--to", medium.toString(), "--iso");
    Path image = medium.resolve("archive-lan-backup-000001.iso");
    assertTrue(Files.isRegularFile(image));
    Path read = dir.resolve("read");
    org.gapsync.platform.media.Xorriso xorriso = org.gapsync.platform.media.Xorriso.find("t");
    xorriso.extract(org.gapsync.platform.media.Xorriso.stdio(image), read, dir.resolve("logs"));
    List<String> inside;
    try (Stream<Path> s = Files.list(read)) {
      inside = names(s.sorted().toList());
    }
    assertTrue(inside.contains("archive-lan-backup-000001.tar.p7m")
        && inside.contains("README.txt") && !inside.contains("CONTENTS.csv"), inside.toString());
    String readme = Files.readString(read.resolve("README.txt"));
    assertTrue(readme.contains("全卷 / the whole package") && !readme.contains("F009"), readme);

    String out = cli("package", "burn", "--device", "stdio:" + dir.resolve("drive"),
        image.toString());

    assertTrue(out.contains("encrypted for the destination alone: its bytes match the image's "
        + "checksums and its envelope is as written; ejected"), out);
  }

  @Test
  void aFileLargerThanAVolumeGoesInPartsOntoConsecutiveVolumesEachVerifyingAlone()
      throws Exception {
    byte[] film = bigRecord("F009-2020-0999", 2_600_000);
    cli("holdings", "scan", dir.resolve("holdings").toString());
    addBackup();
    Path medium = Files.createDirectory(dir.resolve("usb"));

    String out = cli("package", "build", "--destination", "backup", "--to", medium.toString(),
        "--volume-size", "1MiB", "--records", "F009-2020-0998,F009-2020-0999");

    List<Path> volumes;
    try (Stream<Path> s = Files.list(medium)) {
      volumes = s.filter(p -> p.toString().endsWith(".tar")).sorted().toList();
    }
    assertEquals(3, volumes.size(), out);
    TrustStore self = TrustStore.empty().with("archive-lan", home.key("correct horse"
        .toCharArray()).certificate());
    java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
    long at = 0;
    for (int k = 1; k <= 3; k++) {
      Path v = volumes.get(k - 1);
      assertTrue(Files.size(v) <= MIB && (k == 3 || Files.size(v) >= MIB * 85 / 100),
          v + ": " + Files.size(v));
      Verification<PackageHeader> verified = new SyncPackageVerifier(self, 2).verify(v);
      assertEquals(List.of(), verified.report().findings(), v.toString());
      RecordChange film999 = verified.header().orElseThrow().records().stream()
          .filter(r -> r.archivalId().equals("F009-2020-0999")).findFirst().orElseThrow();
      assertEquals(3, film999.spans());
      var whole = film999.files().stream().filter(f -> f.path().value().equals("film.bin"))
          .findFirst().orElseThrow();
      assertEquals(film.length, whole.size(), "the header gives the whole file");
      var part = film999.parts().get(whole.path());
      assertEquals(k, part.number());
      assertEquals(3, part.count());
      assertEquals(at, part.offset(), "parts follow each other");
      at += part.size();
      // The metadata goes with the first part; its record on the other volumes has parts alone.
      assertEquals(k == 1 ? 2 : 1, film999.files().size(), film999.toString());
      try (var reader = org.gapsync.format.container.ContainerReader.open(v);
          var in = reader.open(reader.find(film999.payloadPath(whole.path()).value())
              .orElseThrow())) {
        in.transferTo(joined);
      }
    }
    assertEquals(film.length, at);
    assertTrue(java.util.Arrays.equals(film, joined.toByteArray()), "the parts make the file");
    assertTrue(out.contains("as 3 volumes"), out);
    try (Stream<Path> s = Files.list(medium)) {
      Path contents = s.filter(p -> p.toString().endsWith("v2-of-3.CONTENTS.csv")).findFirst()
          .orElseThrow();
      assertTrue(Files.readString(contents).contains(",film.bin," + film.length + ","),
          Files.readString(contents));
      assertTrue(Files.readString(contents).contains(",\"2 of 3, bytes "),
          Files.readString(contents));
    }
  }

  /** Adds the destination {@code backup}, its template the example one (tar packages). */
  private void addBackup() {
    cli("destination", "add", "--id", "backup", "--template",
        EXAMPLES.resolve("backup.xml").toString(), "--cert", dir.resolve("backup.pem").toString());
  }

  /** Adds a record {@code id} with a {@code size}-byte file, and returns the file's bytes. */
  private byte[] bigRecord(String id, int size) throws Exception {
    String template = Files.readString(EXAMPLES.resolve(
        "holdings/F001/2005/F001-2005-0001/metadata.xml"));
    for (String other : List.of("F009-2020-0998", id)) {
      Path record = Files.createDirectories(dir.resolve("holdings").resolve(other));
      Files.writeString(record.resolve("metadata.xml"), template.replace("F001-2005-0001",
          other));
    }
    Files.write(dir.resolve("holdings/F009-2020-0998/small.bin"), new byte[5000]);
    byte[] film = new byte[size];
    new Random(99).nextBytes(film);
    Files.write(dir.resolve("holdings").resolve(id).resolve("film.bin"), film);
    return film;
  }

  @Test
  void aParityVolumeRebuildsAnyOneLostDiscOfTheSetByteForByte() throws Exception {
    addBackup();
    Path medium = Files.createDirectory(dir.resolve("discs"));

    String out = cli("package", "build", "--destination", "backup", "--to", medium.toString(),
        "--volume-size", "1MiB", "--iso", "--recovery", "0", "--parity-volumes", "1");

    List<Path> images;
    try (Stream<Path> s = Files.list(medium)) {
      images = s.sorted().toList();
    }
    int n = images.size() - 1;
    String id = "archive-lan-backup-000001";
    Path parity = medium.resolve(id + ".parity-of-" + n + ".iso");
    assertTrue(n >= 3 && images.contains(parity), images.toString());
    assertTrue(out.contains("  parity volume " + parity + ": it carries no records; with the "
        + "others it rebuilds any one volume lost whole"), out);
    for (Path image : images) {
      assertTrue(Files.size(image) <= MIB, image + ": " + Files.size(image));
    }
    // Volumes leave room for the parity volume's own files, and are still well filled.
    assertTrue(Files.size(images.get(0)) >= MIB * 75 / 100, images.get(0) + ": "
        + Files.size(images.get(0)));

    List<Path> volumes = images.stream().filter(i -> !i.equals(parity)).toList();
    Path lost = volumes.get(1);
    byte[] written = Files.readAllBytes(lost);
    Files.move(lost, dir.resolve("lost.iso"));
    List<String> args = new ArrayList<>(List.of("package", "repair", "--rebuild", "2",
        parity.toString()));
    volumes.stream().filter(i -> !i.equals(lost)).forEach(i -> args.add(i.toString()));
    args.addAll(List.of("--out", dir.resolve("rebuilt").toString()));
    String rebuilt = cli(args.toArray(String[]::new));

    Path again = dir.resolve("rebuilt").resolve(lost.getFileName());
    assertTrue(rebuilt.startsWith("volume 2 of " + n + " of package " + id + " rebuilt from the "
        + "parity volume and the other " + (n - 1) + " volumes: " + again), rebuilt);
    assertTrue(java.util.Arrays.equals(written, Files.readAllBytes(again)), "byte for byte");

    String twoLost = fails(2, "package", "repair", "--rebuild", "1", parity.toString(),
        volumes.get(2).toString(), "--out", dir.resolve("rebuilt-1").toString());
    assertTrue(twoLost.contains("missing: rebuilding volume 1 takes the parity and every other "
        + "volume of the set, whole"), twoLost);

    String burnt = cli("package", "burn", "--device", "stdio:" + dir.resolve("drive"),
        parity.toString());
    assertTrue(burnt.contains("the parity of " + n + " volumes verified as read from the disc"),
        burnt);
    try (SourceLedger ledger = SourceLedger.open(home.ledger(), CLOCK, "t")) {
      var row = ledger.inTransaction(tx -> tx.volumes().parityNamed(
          org.gapsync.format.PackageId.of(id + ".parity-of-" + n))).orElseThrow();
      assertEquals(n, row.count());
      assertEquals(Files.size(parity), row.bytes());
      assertEquals(0, (int) ledger.inTransaction(tx -> tx.volumes().burnt(row.packageId(), 0)),
          "the parity's disc is not the package's");
    }
  }

  @Test
  void tarVolumesOnAUsbDiskGetAParityFolderThatFitsAVolume() throws Exception {
    addBackup();
    Path usb = Files.createDirectory(dir.resolve("usb"));

    cli("package", "build", "--destination", "backup", "--to", usb.toString(),
        "--volume-size", "1MiB", "--parity-volumes", "1");

    List<Path> tars;
    try (Stream<Path> s = Files.list(usb)) {
      tars = s.filter(p -> p.toString().endsWith(".tar")).sorted().toList();
    }
    int n = tars.size();
    Path parity = usb.resolve("archive-lan-backup-000001.parity-of-" + n);
    assertTrue(n >= 2 && Files.isDirectory(parity), tars.toString());
    try (Stream<Path> s = Files.list(parity)) {
      assertEquals(List.of("README.txt", "parity.dat", "parity.txt"), names(s.sorted()
          .toList()));
    }
    assertTrue(org.gapsync.format.files.FileTrees.size(parity, 4096) <= MIB);
    assertTrue(Files.readString(parity.resolve("README.txt")).contains("This volume carries "
        + "no records: do not import it."));

    byte[] first = Files.readAllBytes(tars.get(0));
    Files.delete(tars.get(0));
    List<String> args = new ArrayList<>(List.of("package", "repair", "--rebuild", "1",
        parity.toString()));
    tars.subList(1, n).forEach(t -> args.add(t.toString()));
    args.addAll(List.of("--out", usb.toString()));
    cli(args.toArray(String[]::new));

    assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(tars.get(0))));
  }

  @Test
  void aParityVolumeForFolderVolumesOrMoreThanOneIsRefused() throws Exception {
    cli("destination", "add", "--id", "room", "--template",
        EXAMPLES.resolve("reading-room.xml").toString(), "--cert",
        dir.resolve("backup.pem").toString());
    Path usb = Files.createDirectory(dir.resolve("usb"));

    String folders = fails(2, "package", "build", "--destination", "room", "--to",
        usb.toString(), "--volume-size", "1MiB", "--parity-volumes", "1");
    String two = fails(2, "package", "build", "--destination", "room", "--to", usb.toString(),
        "--volume-size", "1MiB", "--iso", "--parity-volumes", "2");
    String noSet = fails(2, "package", "build", "--destination", "room", "--to",
        usb.toString(), "--parity-volumes", "1");

    assertTrue(folders.startsWith("error: --parity-volumes needs each volume to be one file, "
        + "but the template of room writes its packages as folders: add --iso"), folders);
    assertTrue(two.contains("--parity-volumes is 0 or 1, not 2"), two);
    assertTrue(noSet.contains("--parity-volumes is for a set of volumes: add --volume-size"),
        noSet);
    try (Stream<Path> s = Files.list(usb)) {
      assertEquals(List.of(), s.toList());
    }
    assertTrue(cli("queue").contains("F009-2020-0300"));
  }

  @Test
  void aPackageThatFitsOneVolumeIsWrittenWhole() throws Exception {
    addBackup();
    Path medium = Files.createDirectory(dir.resolve("discs"));

    String out = cli("package", "build", "--destination", "backup", "--to", medium.toString(),
        "--volume-size", "dvd");

    assertTrue(out.contains("archive-lan-backup-000001.tar (sequence 1): 300 records"), out);
  }

  @Test
  void eachVolumeGoesOntoTheMediumNamedForItWhenSeveralAreGiven() throws Exception {
    addBackup();
    List<String> to = new ArrayList<>();
    for (int k = 1; k <= 8; k++) {
      to.addAll(List.of("--to", Files.createDirectory(dir.resolve("usb-" + k)).toString()));
    }
    List<String> args = new ArrayList<>(List.of("package", "build", "--destination", "backup",
        "--volume-size", "1MiB"));
    args.addAll(to);

    String out = cli(args.toArray(String[]::new));

    java.util.regex.Matcher m = java.util.regex.Pattern.compile("as (\\d+) volumes").matcher(
        out);
    assertTrue(m.find(), out);
    int n = Integer.parseInt(m.group(1));
    assertTrue(n >= 3 && n < 8, out);
    for (int k = 1; k <= 8; k++) {
      String bag = "archive-lan-backup-000001.v" + k + "-of-" + n;
      try (Stream<Path> s = Files.list(dir.resolve("usb-" + k))) {
        assertEquals(k > n ? List.of() : List.of(bag + ".CONTENTS.csv", bag + ".README.txt",
            bag + ".tar"), names(s.sorted().toList()));
      }
    }
  }

  @Test
  void withAskEachVolumeGoesOntoTheNextMediumAtOneMountPoint() throws Exception {
    addBackup();
    Path usb = Files.createDirectory(dir.resolve("usb"));
    // The operator takes each disk out when asked (kept as disk-1, disk-2, ...) and plugs in
    // an empty one at the same place.
    int[] taken = {0};
    java.io.InputStream operator = new java.io.InputStream() {
      @Override
      public int read() throws java.io.IOException {
        taken[0]++;
        Files.move(usb, dir.resolve("disk-" + taken[0]));
        Files.createDirectory(usb);
        return '\n';
      }

      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        b[off] = (byte) read();
        return 1;
      }
    };
    java.io.InputStream stdin = System.in;
    String out;
    try {
      System.setIn(operator);
      out = cli("package", "build", "--destination", "backup", "--to", usb.toString(),
          "--volume-size", "1MiB", "--ask");
    } finally {
      System.setIn(stdin);
    }

    java.util.regex.Matcher m = java.util.regex.Pattern.compile("as (\\d+) volumes").matcher(
        out);
    assertTrue(m.find(), out);
    int n = Integer.parseInt(m.group(1));
    assertEquals(n - 1, taken[0], out);
    assertTrue(out.contains("volume 1 of " + n + " written and verified; take the medium out, "
        + "put the medium for volume 2 at " + usb + " and press Enter"), out);
    for (int k = 1; k <= n; k++) {
      Path disk = k == n ? usb : dir.resolve("disk-" + k);
      try (Stream<Path> s = Files.list(disk)) {
        assertTrue(names(s.toList()).contains("archive-lan-backup-000001.v" + k + "-of-" + n
            + ".tar"), disk.toString());
      }
    }
  }

  @Test
  void fewerMediaThanVolumesAreRefusedBeforeAnythingIsWritten() throws Exception {
    addBackup();
    Path a = Files.createDirectory(dir.resolve("a"));
    Path b = Files.createDirectory(dir.resolve("b"));

    String err = fails(2, "package", "build", "--destination", "backup", "--volume-size",
        "1MiB", "--to", a.toString(), "--to", b.toString());

    assertTrue(err.matches("error: the package for backup takes (\\d+) volumes of 1MiB "
        + "\\(1048576 bytes\\), but --to names 2 media; name one medium \\(every volume goes "
        + "onto it\\) or \\1; nothing was written\n"), err);
    try (Stream<Path> s = Stream.concat(Files.list(a), Files.list(b))) {
      assertEquals(List.of(), s.toList());
    }
  }

  @Test
  void aRecordLargerThanAVolumeIsRefusedAndStaysQueued() throws Exception {
    addBackup();
    Path medium = Files.createDirectory(dir.resolve("discs"));

    String err = fails(4, "package", "build", "--destination", "backup", "--to",
        medium.toString(), "--volume-size", "40KB");

    assertTrue(err.startsWith("error: record F009-2020-0001 carries "), err);
    assertTrue(err.contains("more than one volume of 40000 bytes holds beside the package's own "
        + "files"), err);
    try (Stream<Path> s = Files.list(medium)) {
      assertEquals(List.of(), s.toList());
    }
    assertTrue(cli("queue").contains("F009-2020-0300"));
  }

  @Test
  void aVolumeSizeThatIsNeitherADiscNorBytesIsAUsageError() {
    String err = fails(2, "package", "build", "--destination", "backup", "--to",
        dir.toString(), "--volume-size", "floppy");

    assertTrue(err.contains("--volume-size: volume size 'floppy' is neither a disc (cd, dvd, "
        + "dvd-dl, bd, bd-dl, bd-xl) nor a number of bytes with a unit such as 700MB or 1MiB"),
        err);
  }

  private String fails(int code, String... args) {
    StringWriter err = new StringWriter();
    var cli = SourceCommand.commandLine(CLOCK, System.getProperty("user.name"));
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    String[] all = Stream.concat(Stream.of("--home", dir.resolve("home").toString(),
        "--passphrase-file", dir.resolve("passphrase").toString()), Stream.of(args))
        .toArray(String[]::new);
    assertEquals(code, cli.execute(all), err::toString);
    return err.toString();
  }

  /** Writes {@code count} records, each with a metadata file and 6–10 KB of content. */
  static void holdings(Path root, int count) throws Exception {
    Random random = new Random(42);
    String template = Files.readString(EXAMPLES.resolve(
        "holdings/F001/2005/F001-2005-0001/metadata.xml"));
    for (int i = 1; i <= count; i++) {
      String id = String.format(java.util.Locale.ROOT, "F009-2020-%04d", i);
      Path record = Files.createDirectories(root.resolve(id));
      Files.writeString(record.resolve("metadata.xml"), template.replace("F001-2005-0001", id));
      byte[] content = new byte[6_000 + random.nextInt(4_000)];
      random.nextBytes(content);
      Files.write(record.resolve("scan " + i + ".bin"), content);
    }
  }

  private String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = SourceCommand.commandLine(CLOCK, System.getProperty("user.name"));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = Stream.concat(Stream.of("--home", dir.resolve("home").toString(),
        "--passphrase-file", dir.resolve("passphrase").toString()), Stream.of(args))
        .toArray(String[]::new);
    assertEquals(0, cli.execute(all), err::toString);
    return out.toString();
  }

  /** The paths in {@code list}, for messages. */
  static List<String> names(List<Path> list) {
    List<String> names = new ArrayList<>();
    list.forEach(p -> names.add(p.getFileName().toString()));
    return names;
  }
}
