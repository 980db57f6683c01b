package org.gapsync.source.holdings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapsync.source.holdings.HoldingsTree.Batch;
import org.gapsync.source.holdings.HoldingsTree.Folder;
import org.gapsync.source.holdings.HoldingsTree.Found;
import org.gapsync.source.holdings.HoldingsTree.Walked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoldingsTreeTest {
  @TempDir
  Path dir;

  private void write(String path, String text) throws Exception {
    Files.createDirectories(dir.resolve(path).getParent());
    Files.writeString(dir.resolve(path), text);
  }

  @Test
  void readsRecordAgainWithPlainSubfoldersAndWithoutNestedRecords() throws Exception {
    write("a/metadata.xml", "m");
    write("a/scans/p1.txt", "page");
    write("a/annex/metadata.xml", "nested");

    Folder a = HoldingsTree.read(dir.resolve("a")).orElseThrow();

    assertEquals(List.of("metadata.xml", "scans/p1.txt"),
        a.files().stream().map(Found::path).sorted().toList());
  }

  @Test
  void folderThatIsNoLongerARecordReadsAsNone() throws Exception {
    write("a/scan.txt", "its metadata.xml was removed");

    assertTrue(HoldingsTree.read(dir.resolve("a")).isEmpty());
  }

  @Test
  void digestIsTheOneLedgersAlreadyHold() {
    // SHA-256 of "metadata.xml\0" "10\0" "1000\n" "scan.txt\0" "20\0" "2000\n": the format the
    // ledger's stat digests were written in; a change would make every record look modified.
    Folder a = new Folder(dir, List.of(new Found("scan.txt", 20, 2_000),
        new Found("metadata.xml", 10, 1_000)));

    assertEquals("c6f7773892d39cf8bfab2886404bef86feaff47aec7b4c028d549e5fb091f9ed",
        a.statDigest());
  }

  @Test
  void digestChangesWithAFileSizeButNotWithTheOrderFilesAreFound() throws Exception {
    Found one = new Found("metadata.xml", 10, 1_000);
    Found two = new Found("scan.txt", 20, 2_000);
    Path a = dir.resolve("a");

    assertEquals(new Folder(a, List.of(one, two)).statDigest(),
        new Folder(a, List.of(two, one)).statDigest());
    assertNotEquals(new Folder(a, List.of(one, two)).statDigest(),
        new Folder(a, List.of(one, new Found("scan.txt", 21, 2_000))).statDigest());
  }

  @Test
  void walkHandsEachFolderItsRecordsTogetherUnderTheFolderThatHoldsThem() throws Exception {
    write("f1/x/metadata.xml", "x");
    write("f1/x/annex/metadata.xml", "nested");
    write("f1/y/metadata.xml", "y");
    write("f2/z/metadata.xml", "z");

    Map<String, List<String>> byParent = walk(dir);

    assertEquals(Map.of(
        dir.resolve("f1").toString(), List.of("x", "y"),
        dir.resolve("f1/x").toString(), List.of("annex"),
        dir.resolve("f2").toString(), List.of("z")), byParent);
  }

  @Test
  void walkOfARecordHandsItUnderItsParent() throws Exception {
    write("a/metadata.xml", "a");

    assertEquals(Map.of(dir.toString(), List.of("a")), walk(dir.resolve("a")));
  }

  /** Walks {@code root}; returns the names of the records handed over, by parent folder. */
  private static Map<String, List<String>> walk(Path root) throws Exception {
    Map<String, List<String>> byParent = new HashMap<>();
    try (HoldingsWalk walk = HoldingsWalk.start(root)) {
      for (Optional<Batch> b = walk.next(); b.isPresent(); b = walk.next()) {
        for (Walked w : b.get().records()) {
          assertEquals(b.get().parent(), HoldingsTree.parentOf(w.dir()));
        }
        byParent.put(b.get().parent(), b.get().records().stream()
            .map(w -> Path.of(w.dir()).getFileName().toString()).sorted().toList());
      }
    }
    return byParent;
  }
}
