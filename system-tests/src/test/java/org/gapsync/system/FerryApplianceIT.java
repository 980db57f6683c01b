package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.gapsync.format.files.FileTrees;
import org.gapsync.system.ApplianceSimulator.Convention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Both ferries as the services they are, running for good, with a simulated gap appliance
 * each way between their folders that delays, reorders, duplicates and loses what it carries
 * and shows every file half-written, while the archive keeps changing its holdings: every
 * record ends confirmed, the replica holds exactly the holdings, and nothing was applied twice;
 * and so when either service is killed at random moments and started again.
 */
class FerryApplianceIT {
  /** How many packages a simulation runs for: {@code -Dgapsync.ferry.packages=500} runs long. */
  private static final int PACKAGES = Integer.getInteger("gapsync.ferry.packages", 200);
  private static final int RECORDS = 12;
  private static final Pattern BUILT = Pattern.compile("built (archive-lan-backup-\\d{6}) ");
  private static final Pattern RECORD_ID = Pattern.compile("F009-2020-\\d{4}");

  @TempDir
  Path work;

  private Launchers sh;
  private Random random;
  private final Set<Integer> live = new HashSet<>();
  private int nextRecord = 1;
  private int changes;

  @Test
  void everyRecordIsConfirmedThroughAnApplianceThatDelaysReordersDuplicatesAndLoses()
      throws Exception {
    simulate(Convention.MARKER, 1, PACKAGES, false);
  }

  @Test
  void eitherServiceKilledAtRandomMomentsLosesNothingAppliesNothingTwiceConfirmsNothingFalse()
      throws Exception {
    simulate(Convention.RENAME, 2, Math.max(20, PACKAGES / 4), true);
  }

  private void simulate(Convention convention, long seed, int packages, boolean kill)
      throws Exception {
    sh = new Launchers(work);
    random = new Random(seed);
    for (int i = 0; i < RECORDS; i++) {
      addRecord();
    }
    sh.pair();
    sh.source("source", "destination", "set", "--id", "backup", "--auto", "on").expect(0);
    String arrival = convention.name().toLowerCase(Locale.ROOT);
    Service source = new Service("source", () -> sh.startSource("source", "ferry", "--outbox",
        "outbox", "--returns", "source-returns", "--scan", "holdings", "--every", "300ms",
        "--settle", "600ms", "--resend-after", "12s", "--arrival", arrival));
    Service target = new Service("target", () -> sh.startTarget("backup", "ferry", "--inbox",
        "inbox", "--returns", "target-returns", "--every", "300ms", "--settle", "600ms",
        "--arrival", arrival));
    int kills = 0;
    try (ApplianceSimulator out = new ApplianceSimulator("outbound", work.resolve("outbox"),
        work.resolve("inbox"), work.resolve("appliance/outbound"), convention, seed, 0.08,
        0.08);
        ApplianceSimulator back = new ApplianceSimulator("return", work.resolve(
            "target-returns"), work.resolve("source-returns"), work.resolve("appliance/return"),
            convention, seed + 100, 0.08, 0.08)) {
      source.start();
      target.start();
      long nextKill = System.nanoTime() + millis(2_000, 6_000);
      // Until enough packages are built, and in the kill test each service killed three times.
      while (source.built() < packages || kill && kills < 6) {
        int before = source.built();
        change();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (source.built() == before) {
          assertTrue(System.nanoTime() < deadline, "no package built a minute after a change:\n"
              + source.log());
          if (kill && System.nanoTime() >= nextKill) {
            // Each in turn, at a moment the dice choose: building, importing, or between.
            (kills % 2 == 0 ? source : target).kill();
            kills++;
            nextKill = System.nanoTime() + millis(1_500, 6_000);
          }
          Thread.sleep(50);
        }
      }
      // From here the appliance loses nothing: what it lost is sent again, until all is done.
      out.stopDropping();
      back.stopDropping();
      List<String> rows = awaitConfirmed(source, target);

      String sourceLog = source.stop();
      String targetLog = target.stop();
      ApplianceSimulator.Faults outbound = out.faults();
      ApplianceSimulator.Faults returned = back.faults();
      System.out.printf("ferry through a simulated appliance (%s, %d packages, %d changes, %d "
          + "kills):%n  packages: %s%n  receipts: %s%n  source: %d re-sent, %d of them asked "
          + "for by a gap notice; target: %d duplicates, %d waited for an earlier one%n",
          arrival, source.built(), changes, kills, outbound, returned, count(sourceLog,
              "re-sent "), count(sourceLog, "waits for it (gap notice "), count(targetLog,
              ": duplicate"), count(targetLog, ": waiting"));

      assertTrue(outbound.dropped() > 0 && outbound.duplicated() > 0 && outbound.reordered() > 0
          && returned.dropped() > 0 && returned.duplicated() > 0, "every fault happened: "
          + outbound + "; " + returned);
      assertTrue(count(sourceLog, "re-sent ") > 0, "what was lost was sent again");
      assertTrue(count(targetLog, ": waiting") > 0, "a package that came early waited");
      assertTrue(count(sourceLog, "waits for it (gap notice ") > 0, "a lost package was asked "
          + "for by a gap notice and sent again at once");
      assertTrue(count(targetLog, ": duplicate") > 0, "a duplicate was answered again");
      Set<String> confirmed = new HashSet<>();
      for (String row : rows) {
        Matcher m = RECORD_ID.matcher(row);
        assertTrue(m.find(), row);
        confirmed.add(m.group());
      }
      assertTrue(confirmed.containsAll(live.stream().map(FerryApplianceIT::name).toList()),
          "every record there is: " + rows);
      if (kill) {
        assertTrue(kills >= 6, "each service killed three times: " + kills + " kills");
      }
    }

    sh.source("source", "ledger", "verify").expect(0).says("audit trail intact");
    sh.target("backup", "ledger", "verify").expect(0).says("audit trail intact");
    sh.target("backup", "replica", "verify").expect(0);
    assertEquals(holdings(), replica(), "the replica holds the holdings, byte for byte");
    assertNothingAppliedTwice();
    assertEquals(List.of(), sh.list("backup/ferry/refused"), "nothing refused");
    assertEquals(List.of(), sh.list("source/ferry/refused"), "nothing refused");
  }

  /** Changes the holdings as an archive's work does: mostly edits, some records added or gone. */
  private void change() throws IOException {
    changes++;
    double d = random.nextDouble();
    List<Integer> ids = live.stream().sorted().toList();
    int id = ids.get(random.nextInt(ids.size()));
    Path record = record(id);
    if (d < 0.15) {
      addRecord();
    } else if (d < 0.25 && live.size() > 6) {
      FileTrees.delete(record);
      live.remove(id);
    } else if (d < 0.4) {
      Files.writeString(record.resolve("page-" + changes + ".txt"), "page added by change "
          + changes);
    } else {
      Files.writeString(record.resolve("scan.txt"), "scan of " + id + ", edited by change "
          + changes);
    }
  }

  private void addRecord() throws IOException {
    int id = nextRecord++;
    String template = Files.readString(Launchers.ROOT.resolve(
        "docs/examples/holdings/F001/2005/F001-2005-0001/metadata.xml"));
    Path record = Files.createDirectories(record(id));
    Files.writeString(record.resolve("metadata.xml"), template.replace("F001-2005-0001",
        name(id)));
    Files.writeString(record.resolve("scan.txt"), "scan of " + id);
    live.add(id);
  }

  private Path record(int id) {
    return work.resolve("holdings").resolve(name(id));
  }

  private static String name(int id) {
    return String.format(Locale.ROOT, "F009-2020-%04d", id);
  }

  private long millis(int from, int to) {
    return TimeUnit.MILLISECONDS.toNanos(from + random.nextInt(to - from));
  }

  /**
   * Waits until the source's ledger shows every record confirmed at the destination (read
   * between the service's rounds: a query that finds the ledger in use is tried again), and
   * returns its rows.
   */
  private List<String> awaitConfirmed(Service source, Service target) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (true) {
      Launchers.Run r = sh.source("source", "ledger", "query", "--destination", "backup",
          "--format", "csv");
      if (r.code() == 0) {
        List<String> rows = r.out().lines().skip(1).toList();
        if (!rows.isEmpty() && rows.stream().allMatch(l -> l.contains(",confirmed,"))) {
          return rows;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("not all confirmed in time:\n" + String.join("\n", rows)
              + "\n--- source\n" + source.log() + "\n--- target\n" + target.log());
        }
      }
      Thread.sleep(2_000);
    }
  }

  /** Returns every content file of the holdings, as "record/path" to its text. */
  private Map<String, String> holdings() throws IOException {
    Map<String, String> files = new TreeMap<>();
    Path root = work.resolve("holdings");
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().equals("metadata.xml")) {
          files.put(root.relativize(p).toString(), Files.readString(p));
        }
      }
    }
    return files;
  }

  /** Returns every content file of the replica, as "record/path" to its text. */
  private Map<String, String> replica() throws IOException {
    Map<String, String> files = new TreeMap<>();
    Path root = work.resolve("backup/replica/archive-lan");
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String path = root.relativize(p).toString();
        Matcher m = RECORD_ID.matcher(path);
        if (!p.getFileName().toString().equals("metadata.xml") && m.find()) {
          files.put(path.substring(m.start()), Files.readString(p));
        }
      }
    }
    return files;
  }

  /**
   * Reads the target's ledger in PREMIS: every package it received was applied (none
   * rejected), and no file was put or removed twice by one package.
   */
  private void assertNothingAppliedTwice() throws Exception {
    Path premis = work.resolve("target-premis.xml");
    sh.target("backup", "ledger", "export-premis", "--out", premis.toString()).expect(0);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(premis.toFile());
    NodeList events = doc.getElementsByTagNameNS("*", "event");
    Map<String, Integer> seen = new HashMap<>();
    int applied = 0;
    for (int i = 0; i < events.getLength(); i++) {
      Element e = (Element) events.item(i);
      String detail = text(e, "eventDetail");
      List<String> linked = new ArrayList<>();
      NodeList values = e.getElementsByTagNameNS("*", "linkingObjectIdentifierValue");
      for (int j = 0; j < values.getLength(); j++) {
        linked.add(values.item(j).getTextContent());
      }
      assertTrue(!detail.startsWith("rejected "), "nothing rejected: " + detail);
      applied += detail.startsWith("applied ") ? 1 : 0;
      if (detail.startsWith("put ") || detail.startsWith("removed ")) {
        seen.merge(detail + " " + linked, 1, Integer::sum);
      }
    }
    assertTrue(applied > 0, "packages applied");
    seen.forEach((event, n) -> assertEquals(1, n, "once: " + event));
  }

  private static String text(Element e, String name) {
    return Optional.ofNullable(e.getElementsByTagNameNS("*", name).item(0))
        .map(n -> n.getTextContent()).orElse("");
  }

  private static int count(String log, String what) {
    int n = 0;
    for (int i = log.indexOf(what); i >= 0; i = log.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /** Starts a service. */
  @FunctionalInterface
  private interface Starter {
    Launchers.Running start() throws IOException;
  }

  /** A ferry service that can be killed and started again; it keeps every run's output. */
  private static final class Service {
    private final String name;
    private final Starter starter;
    private final StringBuilder ended = new StringBuilder();
    private Launchers.Running running;

    Service(String name, Starter starter) {
      this.name = name;
      this.starter = starter;
    }

    void start() throws IOException {
      running = starter.start();
    }

    /** Kills the service at once, as a power cut would, and starts it again. */
    void kill() throws IOException, InterruptedException {
      running.process().destroyForcibly();
      Launchers.Run r = running.await();
      assertEquals(137, r.code(), name + " was killed: " + r.all());
      ended.append(r.out()).append(name).append(" killed\n");
      start();
    }

    /** Stops the service as systemd does (SIGTERM) and returns everything it logged. */
    String stop() throws IOException, InterruptedException {
      running.process().destroy();
      Launchers.Run r = running.await();
      assertEquals(143, r.code(), name + " stops on SIGTERM: " + r.all());
      assertTrue(r.err().contains("interrupted: 'ferry' "), r.all());
      ended.append(r.out());
      running = null;
      return ended.toString();
    }

    String log() throws IOException {
      return running == null ? ended.toString() : ended + running.outSoFar();
    }

    /** Returns how many packages the service has built, in all its runs. */
    int built() throws IOException {
      Set<String> ids = new HashSet<>();
      Matcher m = BUILT.matcher(log());
      while (m.find()) {
        ids.add(m.group(1));
      }
      return ids.size();
    }
  }
}
