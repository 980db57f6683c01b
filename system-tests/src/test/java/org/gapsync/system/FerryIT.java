package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ferries, one round at a time, with the test as the gap appliance between their folders:
 * packages cross whole, a half-copied one is left alone, a duplicate is harmless, one that
 * comes before its predecessor waits, and every record ends confirmed.
 */
class FerryIT {
  @TempDir
  Path work;

  @Test
  void packagesAndReceiptsCrossWholeInAnyOrderAndEveryRecordIsConfirmed() throws Exception {
    Launchers sh = setUp();
    String[] source = {"ferry", "--outbox", "outbox", "--returns", "source-returns",
        "--once", "--arrival", "marker"};
    String[] target = {"ferry", "--inbox", "inbox", "--returns", "target-returns", "--once",
        "--arrival", "marker"};

    sh.source("source", source).expect(0).says("built archive-lan-backup-000001 for backup "
        + "(sequence 1)").says("published archive-lan-backup-000001.tar to outbox");
    assertEquals(List.of("archive-lan-backup-000001.tar", "archive-lan-backup-000001.tar.done"),
        sh.list("outbox"));
    // A second package before the first has crossed.
    Files.writeString(work.resolve("holdings/F009-2020-0001/note.txt"), "a later change");
    sh.source("source", "holdings", "scan", "holdings").expect(0);
    sh.source("source", source).expect(0).says("published archive-lan-backup-000002.tar");

    // The appliance copies the second first, and half of the first, with its marker.
    carry("outbox", "inbox", "archive-lan-backup-000002.tar", true);
    Path first = work.resolve("outbox/archive-lan-backup-000001.tar");
    byte[] bytes = Files.readAllBytes(first);
    Files.write(work.resolve("inbox/archive-lan-backup-000001.tar"), java.util.Arrays
        .copyOf(bytes, bytes.length / 2));
    Files.copy(work.resolve("outbox/archive-lan-backup-000001.tar.done"),
        work.resolve("inbox/archive-lan-backup-000001.tar.done"));
    sh.target("backup", target).expect(0).says("import archive-lan-backup-000002.tar: waiting")
        .says("round: 1 imported, 0 refused, 0 failed, 1 receipts published");
    assertTrue(sh.list("inbox").contains("archive-lan-backup-000001.tar"), "left alone");
    List<String> notice = sh.list("target-returns").stream().filter(n -> n.matches(
        "archive-lan-backup-gap-.*\\.tar(\\.done)?")).toList();
    assertEquals(2, notice.size(), "a gap notice and its marker: " + sh.list("target-returns"));
    sh.target("backup", "status").expect(0).says("archive-lan-backup-000002").says("ferry: "
        + "last round ").says(": 1 imported, 0 refused, 0 failed, 1 receipts published; 1 file "
        + "in the inbox not yet whole");

    carry("outbox", "inbox", "archive-lan-backup-000001.tar", true);
    sh.target("backup", target).expect(0).says("import archive-lan-backup-000001.tar: applied")
        .says("receipts published");
    assertEquals(List.of(), sh.list("inbox"));
    // Delivered twice: harmless, its receipt written again.
    Files.copy(work.resolve("outbox/archive-lan-backup-000001.tar.done"),
        work.resolve("inbox/archive-lan-backup-000001.tar.done"));
    carry("outbox", "inbox", "archive-lan-backup-000001.tar", false);
    sh.target("backup", target).expect(0).says("duplicate");

    for (String r : sh.list("target-returns")) {
      if (!r.endsWith(".done")) {
        carry("target-returns", "source-returns", r, false);
      }
    }
    sh.source("source", source).expect(0).says("receipts ingested").says("a gap notice: "
        + "backup has applied up to sequence 0 and waits for archive-lan-backup-000001");
    assertEquals(List.of(), sh.list("source-returns"));
    List<String> rows = sh.ledger("source", "backup");
    assertTrue(rows.stream().allMatch(r -> r.contains(" confirmed ")), rows.toString());
    sh.target("backup", "replica", "verify").expect(0);
  }

  @Test
  void aLostPackageAndALostReceiptAreSentAgainAndNothingIsConfirmedUntilAReceiptComes()
      throws Exception {
    Launchers sh = setUp();
    String[] source = {"ferry", "--outbox", "outbox", "--returns", "source-returns",
        "--once", "--settle", "0s", "--resend-after", "0s"};
    String[] target = {"ferry", "--inbox", "inbox", "--returns", "target-returns", "--once",
        "--settle", "0s"};
    String pkg = "archive-lan-backup-000001.tar";
    sh.source("source", source).expect(0).says("published " + pkg);

    // The appliance loses the package.
    Files.delete(work.resolve("outbox").resolve(pkg));
    sh.source("source", source).expect(0).says("re-sent " + pkg);
    assertTrue(sh.ledger("source", "backup").stream().allMatch(r -> r.contains(" exported ")));
    sh.source("source", "status").expect(0).says("ferry: last round ").says(": 0 receipts "
        + "ingested, 0 refused, 0 packages published, 1 re-sent, 0 failed")
        .says("kept to send again until their receipts come:\n  " + pkg);
    carry("outbox", "inbox", pkg, false);
    sh.target("backup", target).expect(0).says("import " + pkg + ": applied");

    // Then it loses the receipt: the source sends the package again, answered again.
    for (String r : sh.list("target-returns")) {
      Files.delete(work.resolve("target-returns").resolve(r));
    }
    sh.source("source", source).expect(0).says("re-sent " + pkg);
    assertTrue(sh.ledger("source", "backup").stream().allMatch(r -> r.contains(" exported ")),
        "never confirmed without a receipt");
    carry("outbox", "inbox", pkg, false);
    sh.target("backup", target).expect(0).says("import " + pkg + ": duplicate");
    for (String r : sh.list("target-returns")) {
      carry("target-returns", "source-returns", r, false);
    }
    sh.source("source", source).expect(0).says("receipts ingested");

    assertTrue(sh.ledger("source", "backup").stream().allMatch(r -> r.contains(" confirmed ")),
        sh.ledger("source", "backup").toString());
    assertEquals(List.of(), sh.list("source/ferry/sent"), "the copy goes once answered");
    sh.source("source", "status").expect(0).says("no package kept to send again");
  }

  @Test
  void anEncryptedDestinationCrossesSealedBothWaysItsGapNoticeToo() throws Exception {
    Launchers sh = setUp("offsite-backup.xml");
    String[] source = {"ferry", "--outbox", "outbox", "--returns", "source-returns", "--once",
        "--settle", "0s"};
    String[] target = {"ferry", "--inbox", "inbox", "--returns", "target-returns", "--once",
        "--settle", "0s"};
    sh.source("source", source).expect(0).says("published archive-lan-backup-000001.tar.p7m");
    Files.writeString(work.resolve("holdings/F009-2020-0002/scan.txt"), "a later scan");
    sh.source("source", "holdings", "scan", "holdings").expect(0);
    sh.source("source", source).expect(0).says("published archive-lan-backup-000002.tar.p7m");

    carry("outbox", "inbox", "archive-lan-backup-000002.tar.p7m", false);
    sh.target("backup", target).expect(0).says("import archive-lan-backup-000002.tar.p7m: "
        + "waiting");
    List<String> notice = sh.list("target-returns");
    assertEquals(1, notice.size(), notice.toString());
    assertTrue(notice.get(0).matches("archive-lan-backup-gap-.*\\.tar\\.p7m"), "sealed to the "
        + "source, as the package was: " + notice);
    carry("outbox", "inbox", "archive-lan-backup-000001.tar.p7m", false);
    sh.target("backup", target).expect(0).says("import archive-lan-backup-000001.tar.p7m: "
        + "applied");

    for (String r : sh.list("target-returns")) {
      assertTrue(r.endsWith(".p7m"), "sealed: " + r);
      carry("target-returns", "source-returns", r, false);
    }
    sh.source("source", source).expect(0).says("a gap notice: backup has applied up to "
        + "sequence 0 and waits for archive-lan-backup-000001").says("3 receipts ingested");
    assertTrue(sh.ledger("source", "backup").stream().allMatch(r -> r.contains(" confirmed ")),
        sh.ledger("source", "backup").toString());
    sh.target("backup", "replica", "verify").expect(0);
  }

  @Test
  void whatCannotCrossIsRefusedAndWhatIsNotAPackageIsSetAside() throws Exception {
    Launchers sh = setUp();
    Files.writeString(work.resolve("inbox/holiday-photos.tar"), "not a package");
    Files.writeString(work.resolve("inbox/.copying.tar.partial"), "an appliance at work");

    sh.target("backup", "ferry", "--inbox", "inbox", "--returns", "target-returns", "--once",
        "--settle", "0s").expect(3).says("refused holiday-photos.tar: ")
        .says("round: 0 imported, 1 refused, 0 failed, 0 receipts published");
    assertEquals(List.of(".copying.tar.partial"), sh.list("inbox"));
    assertEquals(List.of("holiday-photos.tar"), sh.list("backup/ferry/refused"));
    assertEquals(List.of(), sh.list("target-returns"));
    // A copy the appliance cut short, its marker whole: it would never arrive.
    Files.writeString(work.resolve("inbox/archive-lan-backup-000009.tar"), "short");
    Files.writeString(work.resolve("inbox/archive-lan-backup-000009.tar.done"), "70000 "
        + "0".repeat(64) + "\n");
    sh.target("backup", "ferry", "--inbox", "inbox", "--returns", "target-returns", "--once",
        "--settle", "0s", "--arrival", "marker").expect(3).says("refused "
            + "archive-lan-backup-000009.tar: 5 bytes, not the 70000 its marker says");
    assertEquals(List.of("archive-lan-backup-000009.tar", "holiday-photos.tar"),
        sh.list("backup/ferry/refused"));

    sh.source("source", "destination", "add", "--id", "a-destination-with-a-rather-long-name",
        "--template", Launchers.ROOT.resolve("docs/examples/backup.xml").toString(), "--cert",
        "backup.pem").expect(0);

    sh.source("source", "ferry", "--outbox", "outbox", "--returns", "source-returns", "--once",
        "--destination", "a-destination-with-a-rather-long-name").expect(2)
        .says("cannot cross a ferry: its names are at most 65 characters");
    assertEquals(List.of(), sh.list("outbox"));
    sh.source("source", "destination", "set", "--id", "backup", "--auto", "off").expect(0);
    sh.source("source", "destination", "list", "--format", "csv").expect(0)
        .says("backup,backup,1,1,,,off");
    sh.source("source", "ferry", "--outbox", "outbox", "--returns", "source-returns", "--once")
        .expect(2).says("no destination is synced automatically: name the destinations with "
            + "--destination, or set them with 'destination set --id ID --auto on'");
  }

  /** Copies {@code name} (and, if {@code withMarker}, its marker after it) as an appliance. */
  private void carry(String from, String to, String name, boolean withMarker)
      throws Exception {
    Files.createDirectories(work.resolve(to));
    Files.copy(work.resolve(from).resolve(name), work.resolve(to).resolve(name),
        StandardCopyOption.REPLACE_EXISTING);
    Path marker = work.resolve(from).resolve(name + ".done");
    if (withMarker || Files.exists(marker)) {
      Files.copy(marker, work.resolve(to).resolve(name + ".done"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Launchers setUp() throws Exception {
    return setUp("backup.xml");
  }

  /** Makes the pair with the destination's example {@code template}, holdings scanned. */
  private Launchers setUp(String template) throws Exception {
    Launchers sh = new Launchers(work);
    String metadata = Files.readString(Launchers.ROOT.resolve(
        "docs/examples/holdings/F001/2005/F001-2005-0001/metadata.xml"));
    for (int i = 1; i <= 5; i++) {
      String id = String.format(java.util.Locale.ROOT, "F009-2020-%04d", i);
      Path record = Files.createDirectories(work.resolve("holdings").resolve(id));
      Files.writeString(record.resolve("metadata.xml"), metadata.replace("F001-2005-0001", id));
      Files.writeString(record.resolve("scan.txt"), "page " + i);
    }
    sh.pair(template);
    sh.source("source", "holdings", "scan", "holdings").expect(0);
    sh.source("source", "destination", "set", "--id", "backup", "--auto", "on").expect(0)
        .says("destination backup is synced automatically");
    for (String d : List.of("outbox", "inbox", "source-returns", "target-returns")) {
      Files.createDirectories(work.resolve(d));
    }
    return sh;
  }
}
