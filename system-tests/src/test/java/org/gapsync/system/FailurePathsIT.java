package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gapsync.format.files.FileTrees;
import org.gapsync.system.Launchers.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives both applications' launchers through what goes wrong between them: packages out of
 * order, replayed, from a stranger; receipts for a package never built, or from a stranger.
 * Each case asserts the exit code, the message, and what both ledgers hold afterwards. (A
 * damaged package is the demo's story, {@link DemoIT}; a crash during apply is ImportCrashIT's.)
 */
class FailurePathsIT {
  private static final String ME = System.getProperty("user.name");

  static final int OK = 0;
  static final int INVALID = 3;

  /** The working folder of every test, at one path so that what the homes recorded holds. */
  @TempDir
  static Path base;

  Path work;

  Launchers sh;

  /**
   * Sets up the two platforms and scans the holdings once; each test starts from a copy of that
   * state (modes and times kept), so that the commands it runs are its own story.
   */
  @BeforeAll
  static void setUpOnce() throws Exception {
    Path work = base.resolve("work");
    Files.createDirectories(work);
    Launchers sh = new Launchers(work);
    FileTrees.copy(Launchers.ROOT.resolve("docs/examples/holdings"), work.resolve("holdings"));
    sh.source("source", "init", "--id", "archive-lan").expect(OK);
    sh.source("source", "user", "add", ME, "--role", "archivist").expect(OK);
    sh.source("source", "cert", "export", "--out", "archive-lan.pem").expect(OK);
    sh.target("reading-room", "init", "--id", "reading-room").expect(OK);
    sh.target("reading-room", "user", "add", ME, "--role", "operator").expect(OK);
    sh.target("reading-room", "cert", "export", "--out", "reading-room.pem").expect(OK);
    sh.target("reading-room", "trust", "add", "--id", "archive-lan", "--cert", "archive-lan.pem")
        .expect(OK);
    sh.source("source", "destination", "add", "--id", "reading-room", "--template",
        Launchers.ROOT.resolve("docs/examples/reading-room.xml").toString(),
        "--cert", "reading-room.pem").expect(OK);
    sh.source("source", "holdings", "scan", "holdings").expect(OK);
    copy(work, base.resolve("set-up"));
  }

  @BeforeEach
  void setUp() throws Exception {
    work = base.resolve("work");
    FileTrees.delete(work);
    copy(base.resolve("set-up"), work);
    sh = new Launchers(work);
  }

  private static void copy(Path from, Path to) throws Exception {
    Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO()
        .start();
    assertEquals(0, cp.waitFor(), "cp -a " + from + " " + to);
  }

  @Test
  void laterPackageWaitsForTheEarlierAndAReplayAppliesNothing() throws Exception {
    build("medium-1").says("(sequence 1): 7 records");
    Path record = work.resolve("holdings/F001/1998/F001-1998-0001/metadata.xml");
    Files.writeString(record, Files.readString(record).replace("</title>", " (revised)</title>"));
    sh.source("source", "holdings", "scan", "holdings").expect(OK).says("1 modified");
    build("medium-2").says("(sequence 2): 1 record,");

    importFrom("medium-2").expect(OK).says("waiting for sequence 1 from archive-lan")
        .says("  gap notice: ");
    // No receipt for a held package: a signed notice of what it waits for.
    List<String> notices = sh.list("medium-2/receipts");
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).matches("archive-lan-reading-room-gap-\\d{8}T\\d{6}\\.\\d{3}Z"
        + "\\.tar"), notices.toString());
    sh.source("source", "receipt", "ingest", "medium-2/receipts").expect(OK)
        .says("from reading-room: it has applied up to sequence 0 and holds "
            + "archive-lan-reading-room-000002 until the packages it waits for come; nothing "
            + "changed here")
        .says("  waits for archive-lan-reading-room-000001 (sequence 1): bring its medium to "
            + "reading-room");
    FileTrees.delete(work.resolve("medium-2/receipts"));
    assertEquals(List.of(), sh.files("reading-room/replica"));
    sh.target("reading-room", "status").expect(OK)
        .says("archive-lan-reading-room-000002      sequence 2: waiting for sequence 1");

    importFrom("medium-1").expect(OK).says("sequence 1, the first from archive-lan")
        .says("archive-lan-reading-room-000002: applied: 1 record ");
    assertEquals(List.of("archive-lan-reading-room-000001.receipt",
        "archive-lan-reading-room-000002.receipt"), sh.list("medium-1/receipts"));
    ingestAll("medium-1");
    allConfirmed(8); // seven records, one of them in two versions
    List<String> replica = sh.files("reading-room/replica");

    // The same medium again, as a replay: nothing applied, the original receipt again.
    importFrom("medium-1").expect(OK).says("seen before").says("nothing applied again");
    assertEquals(replica, sh.files("reading-room/replica"));
    sh.source("source", "receipt", "ingest",
        "medium-1/receipts/archive-lan-reading-room-000001.receipt").expect(OK)
        .says("was ingested before; nothing changed");
    allConfirmed(8);
    sh.target("reading-room", "replica", "verify").expect(OK).says("verified");
  }

  @Test
  void packageFromAStrangerIsRejectedAndItsReceiptIsUnknownToTheSource() throws Exception {
    // An impostor platform that knows the reading room's certificate writes a package for it.
    sh.source("impostor", "init", "--id", "impostor").expect(OK);
    sh.source("impostor", "user", "add", ME, "--role", "archivist").expect(OK);
    sh.source("impostor", "destination", "add", "--id", "reading-room", "--template",
        Launchers.ROOT.resolve("docs/examples/reading-room.xml").toString(),
        "--cert", "reading-room.pem").expect(OK);
    sh.source("impostor", "holdings", "scan", "holdings").expect(OK);
    Files.createDirectories(work.resolve("forged"));
    sh.source("impostor", "package", "build", "--destination", "reading-room", "--to", "forged")
        .expect(OK);

    importFrom("forged").expect(INVALID).says("refused without a receipt: not authentic");
    assertEquals(List.of(), sh.files("reading-room/replica"));
    assertEquals(List.of(), sh.list("forged/receipts"));
    sh.target("reading-room", "status").expect(OK).says("no package waiting");

    // Once the reading room trusts the other platform too, it applies the package and signs a
    // receipt; that receipt reaches the real source, which built no such package: refused.
    sh.source("impostor", "cert", "export", "--out", "impostor.pem").expect(OK);
    sh.target("reading-room", "trust", "add", "--id", "impostor", "--cert", "impostor.pem")
        .expect(OK);
    importFrom("forged").expect(OK);
    List<String> ledger = sh.ledger("source", "reading-room");
    sh.source("source", "receipt", "ingest",
        "forged/receipts/impostor-reading-room-000001.receipt").expect(INVALID)
        .says("receipt for unknown package impostor-reading-room-000001; it was not built here");
    assertEquals(ledger, sh.ledger("source", "reading-room"));
    // The first genuine package still applies as sequence 1.
    build("medium-1");
    importFrom("medium-1").expect(OK).says("sequence 1, the first from archive-lan");
  }

  @Test
  void receiptFromAnImpostorOfTheDestinationIsRefusedAndTheRealOneConfirms()
      throws Exception {
    build("medium-1");
    // A rogue platform calling itself the reading room, trusting the source, imports the medium.
    sh.target("rogue", "init", "--id", "reading-room").expect(OK);
    sh.target("rogue", "user", "add", ME, "--role", "operator").expect(OK);
    sh.target("rogue", "trust", "add", "--id", "archive-lan", "--cert", "archive-lan.pem")
        .expect(OK);
    sh.target("rogue", "package", "import", "medium-1", "--receipt-to", "rogue-receipts")
        .expect(OK);

    sh.source("source", "receipt", "ingest",
        "rogue-receipts/archive-lan-reading-room-000001.receipt").expect(INVALID)
        .says("which is not a trusted certificate");
    List<String> exported = sh.ledger("source", "reading-room");
    assertEquals(7, exported.size());
    assertTrue(exported.stream().allMatch(r -> r.endsWith(" exported 1")), exported.toString());

    importFrom("medium-1").expect(OK);
    ingestAll("medium-1");
    allConfirmed(7);
  }

  @Test
  void aDamagedReplicaNamesItsRecordsAndTheirResendRepairsIt() throws Exception {
    build("medium-1");
    importFrom("medium-1").expect(OK);
    sh.source("source", "receipt", "ingest", "medium-1/receipts").expect(OK);
    allConfirmed(7);
    Path scan = work.resolve("reading-room/replica/archive-lan").resolve(sh.files(
        "reading-room/replica/archive-lan").stream().filter(f -> f.contains("F001-1998-0001/")
            && !f.endsWith("metadata.xml")).findFirst().orElseThrow());
    byte[] bytes = Files.readAllBytes(scan);
    bytes[0] ^= 1;
    Files.write(scan, bytes);

    Run verify = sh.target("reading-room", "replica", "verify").expect(INVALID);
    verify.says("to repair, the archivist of archive-lan runs: source-platform package build "
        + "--destination reading-room --to MEDIUM --resend F001-1998-0001");
    // The queue is empty, and a plain build sends nothing: the source believes the target.
    Files.createDirectories(work.resolve("medium-2"));
    sh.source("source", "package", "build", "--destination", "reading-room", "--to",
        "medium-2", "--resend", "F001-1998-0001").expect(OK).says("(sequence 2): 1 record,");
    importFrom("medium-2").expect(OK);
    sh.target("reading-room", "replica", "verify").expect(OK).says("verified");
    sh.source("source", "receipt", "ingest", "medium-2/receipts").expect(OK)
        .says("1 confirmed, 0 failed");
  }

  @Test
  void aDamageReportCarriedBackQueuesTheDamagedRecordsAndTheNextPackageRestoresThem()
      throws Exception {
    build("medium-1");
    importFrom("medium-1").expect(OK);
    sh.source("source", "receipt", "ingest", "medium-1/receipts").expect(OK);
    List<String> files = sh.files("reading-room/replica/archive-lan");
    Path replica = work.resolve("reading-room/replica/archive-lan");
    Path changed = replica.resolve(content(files, "F001-1998-0001/"));
    byte[] bytes = Files.readAllBytes(changed);
    bytes[0] ^= 1;
    Files.write(changed, bytes);
    Path lost = replica.resolve(content(files, "F001-1998-0002/"));
    Files.delete(lost);
    Path extra = replica.resolve(content(files, "F001-2005-0001/")).resolveSibling("stray.txt");
    Files.writeString(extra, "not the archive's");

    Files.createDirectories(work.resolve("medium-2"));
    sh.target("reading-room", "replica", "report-damage", "--receipt-to", "medium-2/receipts")
        .expect(INVALID).says("damage report for archive-lan: 3 damaged records "
            + "(F001-1998-0001, F001-1998-0002, F001-2005-0001)");
    sh.target("reading-room", "status").expect(OK).says("damaged, until a package restores")
        .says("F001-1998-0002");
    sh.source("source", "receipt", "ingest", "medium-2/receipts").expect(OK)
        .says("3 records queued again").says("1 of 1 receipts ingested");
    sh.source("source", "receipt", "ingest", "medium-2/receipts").expect(OK)
        .says("was ingested before; nothing changed");

    // Only what the damage took travels: one changed file, one lost, one stray to remove.
    build("medium-3").says("(sequence 2): 3 records, 2 files");
    importFrom("medium-3").expect(OK);
    assertTrue(Files.notExists(extra), "the stray file is removed");
    sh.target("reading-room", "replica", "verify").expect(OK).says("verified");
    String status = sh.target("reading-room", "status").expect(OK).out();
    assertTrue(!status.contains("damaged"), status);
    sh.source("source", "receipt", "ingest", "medium-3/receipts").expect(OK)
        .says("3 confirmed, 0 failed");
    allConfirmed(7);
    sh.target("reading-room", "replica", "report-damage", "--receipt-to", "medium-4")
        .expect(OK).says("no damage report written");
    assertEquals(List.of(), sh.list("medium-4"));
  }

  private static String content(List<String> files, String record) {
    return files.stream().filter(f -> f.contains(record) && !f.endsWith("metadata.xml"))
        .findFirst().orElseThrow();
  }

  private Run build(String medium) throws Exception {
    Files.createDirectories(work.resolve(medium));
    return sh.source("source", "package", "build", "--destination", "reading-room", "--to",
        medium).expect(OK);
  }

  private Run importFrom(String medium) throws Exception {
    return sh.target("reading-room", "package", "import", medium, "--receipt-to",
        medium + "/receipts");
  }

  private void ingestAll(String medium) throws Exception {
    for (String receipt : sh.list(medium + "/receipts")) {
      sh.source("source", "receipt", "ingest", medium + "/receipts/" + receipt).expect(OK);
    }
  }

  private void allConfirmed(int rows) throws Exception {
    List<String> ledger = sh.ledger("source", "reading-room");
    assertEquals(rows, ledger.size(), ledger.toString());
    assertTrue(ledger.stream().allMatch(r -> r.contains(" confirmed ")), ledger.toString());
  }
}
