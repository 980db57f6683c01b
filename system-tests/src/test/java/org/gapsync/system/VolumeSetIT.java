package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package too large for one medium, through both applications' launchers: built as a set of
 * volumes, each verified alone by {@code bin/package-verify}, imported in reverse order, each
 * answered by its own receipt, and every record confirmed once all the receipts are ingested.
 */
class VolumeSetIT {
  private static final String ME = System.getProperty("user.name");

  @TempDir
  Path work;

  @Test
  void aSetOfVolumesImportedInReverseOrderConfirmsEveryRecord() throws Exception {
    Launchers sh = setUp();

    sh.source("source", "package", "build", "--destination", "backup", "--to", "discs",
        "--volume-size", "1MiB").expect(0).says("wrote package archive-lan-backup-000001 "
        + "(sequence 1) as 3 volumes of at most 1MiB (1048576 bytes): 200 records");
    List<String> volumes = volumes(sh);
    assertTrue(sh.list("discs").contains("archive-lan-backup-000001.v2-of-3.README.txt"));
    assertEquals(List.of("archive-lan-backup-000001.v1-of-3.tar",
        "archive-lan-backup-000001.v2-of-3.tar", "archive-lan-backup-000001.v3-of-3.tar"),
        volumes);
    sh.command("bash", Launchers.ROOT.resolve("bin/package-verify").toString(), "--trust",
        "archive-lan=archive-lan.pem", "discs/" + volumes.get(1)).expect(0);
    // The form lists each volume; a volume checks against its own line of the form's code.
    sh.source("source", "package", "form", "archive-lan-backup-000001", "--out", "form.pdf")
        .expect(0).says("200 records on 3 media");
    sh.command("bash", Launchers.ROOT.resolve("bin/package-verify").toString(), "--trust",
        "archive-lan=archive-lan.pem", "--form", "form.pdf", "discs/" + volumes.get(1))
        .expect(0).says("matches this medium: package archive-lan-backup-000001, volume 2 of 3");

    sh.target("backup", "package", "import", "discs/" + volumes.get(2), "--receipt-to",
        "receipts").expect(0).says("applied: ");
    sh.target("backup", "status").expect(0).says("package archive-lan-backup-000001 "
        + "(sequence 1): volume 3 of 3 applied; waiting for 1 and 2");
    sh.source("source", "receipt", "ingest", "receipts").expect(0);
    List<String> partly = sh.ledger("source", "backup");
    assertTrue(partly.stream().filter(r -> r.contains(" confirmed ")).count() > 0
        && partly.stream().anyMatch(r -> r.contains(" exported ")), partly.toString());

    sh.target("backup", "package", "import", "discs/" + volumes.get(1), "--receipt-to",
        "receipts").expect(0);
    sh.target("backup", "package", "import", "discs/" + volumes.get(0), "--receipt-to",
        "receipts").expect(0);
    sh.target("backup", "status").expect(0).says("archive-lan-backup-000001");
    sh.source("source", "receipt", "ingest", "receipts").expect(0);

    List<String> rows = sh.ledger("source", "backup");
    assertEquals(200, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.endsWith(" confirmed 1")), rows.toString());
    sh.source("source", "ledger", "verify").expect(0);
    sh.target("backup", "ledger", "verify").expect(0);
    sh.target("backup", "replica", "verify").expect(0);
  }

  @Test
  void aLostVolumeCostsOnlyItsOwnRecordsWhichTheNextPackageSendsAgain() throws Exception {
    Launchers sh = setUp();
    sh.source("source", "package", "build", "--destination", "backup", "--to", "discs",
        "--volume-size", "1MiB").expect(0);
    List<String> volumes = volumes(sh);
    assertEquals(3, volumes.size(), volumes.toString());
    for (int k : new int[] {0, 2}) {
      sh.target("backup", "package", "import", "discs/" + volumes.get(k), "--receipt-to",
          "receipts").expect(0);
    }

    sh.target("backup", "package", "lost", "archive-lan-backup-000001", "--volume", "2",
        "--reason", "the disc cracked in transit", "--receipt-to", "receipts").expect(0)
        .says("volume 2 of 3 declared lost by " + ME + ": the disc cracked in transit");
    sh.source("source", "receipt", "ingest", "receipts").expect(0);

    List<String> rows = sh.ledger("source", "backup");
    long failed = rows.stream().filter(r -> r.contains(" failed ")).count();
    long confirmed = rows.stream().filter(r -> r.contains(" confirmed ")).count();
    assertTrue(failed > 0 && failed + confirmed == 200, rows.toString());
    sh.source("source", "queue").expect(0).says("volume 2 of 3 of package "
        + "archive-lan-backup-000001 was declared lost at backup");
    Files.createDirectory(work.resolve("usb"));
    sh.source("source", "package", "build", "--destination", "backup", "--to", "usb")
        .expect(0).says("archive-lan-backup-000002.tar (sequence 2): " + failed + " records");
    sh.target("backup", "package", "import", "usb", "--receipt-to", "receipts").expect(0);
    sh.source("source", "receipt", "ingest", "receipts").expect(0);
    assertTrue(sh.ledger("source", "backup").stream().allMatch(r -> r.contains(" confirmed ")),
        sh.ledger("source", "backup").toString());
    sh.target("backup", "package", "import", "discs/" + volumes.get(1), "--receipt-to",
        "receipts").expect(0).says("came after all, but it was declared lost here");
    sh.source("source", "ledger", "verify").expect(0);
    sh.target("backup", "ledger", "verify").expect(0);
  }

  @Test
  void aScratchedDiscImageIsRepairedFromItsRecoveryDataAndEveryRecordConfirmed()
      throws Exception {
    Launchers sh = setUp();
    sh.source("source", "package", "build", "--destination", "backup", "--to", "discs",
        "--volume-size", "1MiB", "--iso").expect(0).says("each disc image checked");
    List<String> images = sh.list("discs");
    assertTrue(images.size() >= 3 && images.stream().allMatch(i -> i.endsWith(".iso")),
        images.toString());
    Path scratched = work.resolve("discs").resolve(images.get(1));
    int damaged = scratch(scratched, 0.02);
    assertTrue(damaged > 5, "sectors damaged: " + damaged);
    sh.target("backup", "package", "repair", "discs/" + images.get(1), "--out", "repaired")
        .expect(0).says("does not match the MD5 checksums recorded when it was written")
        .says("repaired from the recovery data: " + images.get(1).replace(".iso", ".tar"));
    sh.command("bash", Launchers.ROOT.resolve("bin/package-verify").toString(), "--trust",
        "archive-lan=archive-lan.pem", "repaired/" + images.get(1).replace(".iso", ".tar"))
        .expect(0);

    for (int k = images.size() - 1; k >= 0; k--) {
      Launchers.Run r = sh.target("backup", "package", "import", "discs/" + images.get(k),
          "--receipt-to", "receipts").expect(0);
      if (k == 1) {
        r.says("of the disc repaired from its recovery data");
      }
    }
    sh.source("source", "receipt", "ingest", "receipts").expect(0);

    List<String> rows = sh.ledger("source", "backup");
    assertEquals(200, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.endsWith(" confirmed 1")), rows.toString());
    sh.target("backup", "replica", "verify").expect(0);
  }

  @Test
  void aFileLargerThanAVolumeArrivesInPartsInAnyOrderAndIsJoinedAndConfirmed()
      throws Exception {
    Launchers sh = setUp(40);
    byte[] film = new byte[2_600_000];
    new Random(11).nextBytes(film);
    Path record = work.resolve("holdings/F009-2020-0020");
    Files.write(record.resolve("film.bin"), film);
    sh.source("source", "holdings", "scan", "holdings").expect(0);

    sh.source("source", "package", "build", "--destination", "backup", "--to", "discs",
        "--volume-size", "1MiB").expect(0).says("as 4 volumes");
    List<String> volumes = volumes(sh);
    // The film's parts are on volumes 1 to 3, the records after it on 3 and 4: from the last.
    for (int k = 3; k >= 0; k--) {
      Launchers.Run r = sh.target("backup", "package", "import", "discs/" + volumes.get(k),
          "--receipt-to", "receipts").expect(0);
      if (k == 2) {
        r.says("1 record spanning volumes wait for the rest: F009-2020-0020 (1 of its 3 "
            + "volumes here)");
      }
      if (k == 1) {
        sh.target("backup", "status").expect(0).says("volumes 2, 3 and 4 of 4 applied; "
            + "waiting for 1");
      }
    }
    sh.source("source", "receipt", "ingest", "receipts").expect(0);

    // The film's record: version 1, scanned before the film came, was never sent.
    List<String> rows = sh.ledger("source", "backup").stream().filter(r -> !r.equals(
        "F009-2020-0020 cancelled 0")).toList();
    assertEquals(40, rows.size(), rows.toString());
    assertTrue(rows.stream().allMatch(r -> r.endsWith(" confirmed 1")), rows.toString());
    Path joined;
    try (var s = Files.walk(work.resolve("backup"))) {
      joined = s.filter(p -> p.getFileName().toString().equals("film.bin")
          && p.toString().contains("replica")).findFirst().orElseThrow();
    }
    assertTrue(java.util.Arrays.equals(film, Files.readAllBytes(joined)), joined.toString());
    assertEquals(List.of(), sh.list("backup/pieces"), "nothing kept once joined");
    sh.target("backup", "replica", "verify").expect(0);
    sh.target("backup", "ledger", "verify").expect(0);
  }

  @Test
  void aLostVolumeInTheSpanOfALargeFileCostsThatRecordWhichIsSentAgainWhole() throws Exception {
    Launchers sh = setUp(40);
    byte[] film = new byte[2_600_000];
    new Random(12).nextBytes(film);
    Files.write(work.resolve("holdings/F009-2020-0020/film.bin"), film);
    sh.source("source", "holdings", "scan", "holdings").expect(0);
    sh.source("source", "package", "build", "--destination", "backup", "--to", "discs",
        "--volume-size", "1MiB").expect(0).says("as 4 volumes");
    List<String> volumes = volumes(sh);
    for (int k : new int[] {0, 2, 3}) {
      sh.target("backup", "package", "import", "discs/" + volumes.get(k), "--receipt-to",
          "receipts").expect(0);
    }
    assertEquals(1, sh.list("backup/pieces").size(), "the film's parts wait in the home");

    sh.target("backup", "package", "lost", "archive-lan-backup-000001", "--volume", "2",
        "--reason", "the disc cracked", "--receipt-to", "receipts").expect(0);
    assertEquals(List.of(), sh.list("backup/pieces"), "the parts that waited are dropped");
    sh.source("source", "receipt", "ingest", "receipts").expect(0);
    assertTrue(sh.ledger("source", "backup").contains("F009-2020-0020 failed 1"),
        sh.ledger("source", "backup").toString());

    Files.createDirectory(work.resolve("usb"));
    sh.source("source", "package", "build", "--destination", "backup", "--to", "usb")
        .expect(0).says("archive-lan-backup-000002.tar (sequence 2)");
    sh.target("backup", "package", "import", "usb", "--receipt-to", "receipts").expect(0);
    sh.source("source", "receipt", "ingest", "receipts").expect(0);
    List<String> rows = sh.ledger("source", "backup").stream().filter(r -> !r.equals(
        "F009-2020-0020 cancelled 0")).toList();
    assertTrue(rows.size() == 40 && rows.stream().allMatch(r -> r.contains(" confirmed ")),
        rows.toString());
    sh.target("backup", "replica", "verify").expect(0);
  }

  @Test
  void aDiscLostWholeIsRebuiltFromTheParityVolumeAndEveryRecordConfirmedWithoutAResend()
      throws Exception {
    Launchers sh = setUp();
    sh.source("source", "package", "build", "--destination", "backup", "--to", "discs",
        "--volume-size", "1MiB", "--iso", "--recovery", "0", "--parity-volumes", "1").expect(0)
        .says("as 5 volumes").says("parity volume ");
    String set = "archive-lan-backup-000001";
    String parity = set + ".parity-of-5.iso";
    String lost = set + ".v3-of-5.iso";
    assertTrue(sh.list("discs").contains(parity), sh.list("discs").toString());
    Files.move(work.resolve("discs").resolve(lost), work.resolve("cracked.iso"));

    sh.target("backup", "package", "import", "discs/" + parity, "--receipt-to", "receipts")
        .expect(2).says("is the parity volume of a set: it carries no records");
    List<String> rebuild = new java.util.ArrayList<>(List.of("package", "repair", "--rebuild",
        "3", "discs/" + parity));
    for (int k : new int[] {5, 1, 4, 2}) {
      rebuild.add("discs/" + set + ".v" + k + "-of-5.iso");
    }
    rebuild.addAll(List.of("--out", "rebuilt"));
    sh.target("backup", rebuild.toArray(String[]::new)).expect(0).says("volume 3 of 5 of "
        + "package " + set + " rebuilt from the parity volume and the other 4 volumes: ");

    sh.target("backup", "package", "import", "discs", "--receipt-to", "receipts").expect(0);
    sh.target("backup", "status").expect(0).says("waiting for 3");
    sh.target("backup", "package", "import", "rebuilt/" + lost, "--receipt-to", "receipts")
        .expect(0);
    sh.source("source", "receipt", "ingest", "receipts").expect(0);

    List<String> rows = sh.ledger("source", "backup");
    assertEquals(200, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.endsWith(" confirmed 1")), rows.toString());
    sh.source("source", "queue").expect(0).says("nothing");
    sh.target("backup", "replica", "verify").expect(0);
  }

  /**
   * Overwrites {@code share} of the image's 2048-byte sectors, chosen at random among those
   * that hold its files' data (the bag's and the recovery data's), with random bytes: the
   * scattered damage of a scratched disc. Returns how many sectors were overwritten.
   */
  private int scratch(Path image, double share) throws Exception {
    Process p = new ProcessBuilder("xorriso", "-indev", "stdio:" + image, "-find", "/", "-type",
        "f", "-exec", "report_lba", "--").redirectErrorStream(true).start();
    List<Long> sectors = new java.util.ArrayList<>();
    String out = new String(p.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "File data lba:\\s*\\d+\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)").matcher(out);
    while (m.find()) {
      long start = Long.parseLong(m.group(1));
      for (long b = 0; b < Long.parseLong(m.group(2)); b++) {
        sectors.add(start + b);
      }
    }
    int count = (int) (Files.size(image) / 2048 * share);
    java.util.Collections.shuffle(sectors, new Random(2012));
    Random noise = new Random(93);
    try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(image,
        java.nio.file.StandardOpenOption.WRITE)) {
      for (long sector : sectors.subList(0, count)) {
        byte[] junk = new byte[2048];
        noise.nextBytes(junk);
        c.write(java.nio.ByteBuffer.wrap(junk), sector * 2048);
      }
    }
    return count;
  }

  /** Returns the volumes in the folder {@code discs}, without the labels beside them. */
  private static List<String> volumes(Launchers sh) throws Exception {
    return sh.list("discs").stream().filter(n -> n.endsWith(".tar")).toList();
  }

  /** Makes a source and a target that trust each other, and scans 200 records. */
  private Launchers setUp() throws Exception {
    return setUp(200);
  }

  /** Makes a source and a target that trust each other, and scans {@code records} records. */
  private Launchers setUp(int records) throws Exception {
    Launchers sh = new Launchers(work);
    holdings(work.resolve("holdings"), records);
    sh.pair();
    sh.source("source", "holdings", "scan", "holdings").expect(0);
    Files.createDirectory(work.resolve("discs"));
    return sh;
  }

  /** Writes {@code count} records, each with a metadata file and 6–10 KB of content. */
  private static void holdings(Path root, int count) throws Exception {
    Random random = new Random(7);
    String template = Files.readString(Launchers.ROOT.resolve(
        "docs/examples/holdings/F001/2005/F001-2005-0001/metadata.xml"));
    for (int i = 1; i <= count; i++) {
      String id = String.format(java.util.Locale.ROOT, "F009-2020-%04d", i);
      Path record = Files.createDirectories(root.resolve(id));
      Files.writeString(record.resolve("metadata.xml"), template.replace("F001-2005-0001", id));
      byte[] content = new byte[6_000 + random.nextInt(4_000)];
      random.nextBytes(content);
      Files.write(record.resolve("scan " + i + ".bin"), content);
    }
  }
}
