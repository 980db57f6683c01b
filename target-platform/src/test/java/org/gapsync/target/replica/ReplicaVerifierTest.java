package org.gapsync.target.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageId;
import org.gapsync.target.ledger.ReplicaFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica compared with the ledger a record at a time, and what lies outside records. */
class ReplicaVerifierTest {
  private static final PackageId PACKAGE = PackageId.of("archive-lan-backup-000001");

  @TempDir
  Path root;

  private record Expected(String source, String folder, ReplicaFile file) {}

  private final List<Expected> ledger = new ArrayList<>();

  private void hold(String source, String folder, String path, String text) throws IOException {
    Path p = root.resolve(source).resolve(folder).resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    ledger.add(new Expected(source, folder, new ReplicaFile(path, text.length(),
        Digest.of(DigestAlgorithm.SHA256, text.getBytes(StandardCharsets.UTF_8)).hex(),
        PACKAGE)));
  }

  private ReplicaVerifier.Result verify() throws IOException {
    return new ReplicaVerifier(new ReplicaStore(root)).verify(each -> {
      for (Expected e : ledger) {
        each.accept(e.source(), e.folder(), e.file());
      }
    });
  }

  @Test
  void aReplicaAsTheLedgerSaysIsClean() throws IOException {
    for (int i = 0; i < 300; i++) {
      hold("archive-lan", String.format("F001-%04d", i), "metadata.xml", "<record/>");
      hold("archive-lan", String.format("F001-%04d", i), "scans/page 1.txt", "page " + i);
    }
    Files.createDirectories(root.resolve(ReplicaStore.WORK).resolve("leftover"));
    Files.writeString(root.resolve(ReplicaStore.WORK).resolve("leftover/x"), "work");

    ReplicaVerifier.Result r = verify();

    assertTrue(r.isClean(), r.differences()::toString);
    assertEquals(600, r.files());
  }

  @Test
  void namesEveryDifferenceInAndOutsideTheRecordsOnce() throws IOException {
    hold("archive-lan", "A", "metadata.xml", "<record/>");
    hold("archive-lan", "B", "metadata.xml", "<record/>");
    hold("archive-lan", "B", "scan.txt", "page");
    hold("archive-lan", "C", "metadata.xml", "<record/>");
    Files.writeString(root.resolve("archive-lan/B/scan.txt"), "PAGE");
    Files.delete(root.resolve("archive-lan/B/metadata.xml"));
    Files.writeString(root.resolve("archive-lan/B/stray.txt"), "x");
    Files.createSymbolicLink(root.resolve("archive-lan/A/link"), Path.of("/etc/hostname"));
    Files.createDirectories(root.resolve("archive-lan/D/sub"));
    Files.writeString(root.resolve("archive-lan/D/sub/unnamed.txt"), "y");
    Files.writeString(root.resolve("archive-lan/top.txt"), "z");
    org.gapsync.format.files.FileTrees.delete(root.resolve("archive-lan/C"));

    List<String> d = verify().differences();

    assertEquals(7, d.size(), d::toString);
    assertEquals("archive-lan/A/link: extra: a link, not a file", d.get(0));
    assertTrue(d.get(1).startsWith("archive-lan/B/metadata.xml: missing: ledger has sha256 "),
        d.get(1));
    assertTrue(d.get(2).startsWith("archive-lan/B/scan.txt: changed: actual sha256 "), d.get(2));
    assertEquals("archive-lan/B/stray.txt: extra: not in the ledger", d.get(3));
    assertTrue(d.get(4).startsWith("archive-lan/C/metadata.xml: missing: "), d.get(4));
    assertEquals("archive-lan/D/sub/unnamed.txt: extra: not in the ledger", d.get(5));
    assertEquals("archive-lan/top.txt: extra: not in the ledger", d.get(6));
  }
}
