package org.gapsync.target.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One package's change to the replica, its journal written as the changes come: applied whole,
 * undone whole, and finished either way after a crash.
 */
class ReplicaUpdateTest {
  private static final PackageId ID = PackageId.of("archive-lan-backup-000002");
  /** Enough that the update syncs its file system whole; smaller imports force file by file. */
  private static final int FILES = ReplicaUpdate.SYNC_WHOLE_FROM + 100;

  @TempDir
  Path dir;
  private ReplicaStore store;
  private Path work;

  @BeforeEach
  void replicaWithOneRecord() throws IOException {
    store = new ReplicaStore(Files.createDirectories(dir.resolve("replica")));
    work = dir.resolve("work");
    write(file("old", "gone.txt"), "to be removed");
    write(file("kept", "a.txt"), "version 1");
  }

  private Path file(String folder, String name) throws IOException {
    return store.file("archive-lan", folder, new PackagePath(name));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Stages a new version of kept/a.txt, many new files, and the removal of old/gone.txt. */
  private ReplicaUpdate staged() throws IOException {
    ReplicaUpdate u = ReplicaUpdate.begin(store, work, ID);
    u.put(file("kept", "a.txt"), stream("version 2"), n -> { });
    for (int i = 0; i < FILES; i++) {
      if (i == 999) {
        // Change 1000, the first of the second folder of staged files, is a removal.
        u.remove(file("old", "gone.txt"));
      }
      u.put(file("new", "f" + i + ".txt"), stream("file " + i), n -> { });
    }
    u.prepare();
    return u;
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private void assertApplied() throws IOException {
    assertEquals("version 2", Files.readString(file("kept", "a.txt")));
    assertEquals("file " + (FILES - 1), Files.readString(file("new", "f" + (FILES - 1)
        + ".txt")));
    assertFalse(Files.exists(file("old", "gone.txt").getParent()), "emptied folder pruned");
    assertEquals(List.of(), listing(work));
  }

  private void assertUntouched() throws IOException {
    assertEquals("version 1", Files.readString(file("kept", "a.txt")));
    assertEquals("to be removed", Files.readString(file("old", "gone.txt")));
    assertFalse(Files.exists(file("new", "f0.txt").getParent()));
    assertEquals(List.of(), listing(work));
  }

  private static List<Path> listing(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (var s = Files.list(folder)) {
      return s.toList();
    }
  }

  @Test
  void appliesEveryChangeAndLeavesNothingBehind() throws IOException {
    ReplicaUpdate u = staged();
    u.execute();
    u.finish();

    assertEquals(FILES + 2, u.size());
    assertApplied();
  }

  @Test
  void anAbandonedUpdatePutsTheReplicaBackAsItWas() throws IOException {
    ReplicaUpdate u = staged();
    u.execute();
    u.abandon();

    assertUntouched();
  }

  @Test
  void anUpdateAbandonedBeforeItsJournalLeavesTheReplicaAlone() throws IOException {
    ReplicaUpdate u = ReplicaUpdate.begin(store, work, ID);
    u.put(file("kept", "a.txt"), stream("version 2"), n -> { });
    u.abandon();

    assertUntouched();
  }

  @Test
  void recoveryCompletesAnUpdateTheLedgerCommitted() throws IOException {
    staged().execute();
    assertEquals(List.of(ID + ": completed"), ReplicaUpdate.recover(store, work, id -> true));
    assertApplied();
  }

  @Test
  void recoveryUndoesAnUpdateTheLedgerNeverCommitted() throws IOException {
    staged().execute();
    assertEquals(List.of(ID + ": rolled back"), ReplicaUpdate.recover(store, work,
        id -> false));
    assertUntouched();
  }

  @Test
  void recoveryFinishesAnUpdateJournaledByAnEarlierVersionInItsFlatFolders()
      throws IOException {
    // Staged files in new/N and backups in old/N, as updates were laid out before: a crash
    // then, an upgrade, and the recovery of the new version must still find them.
    Path earlier = Files.createDirectories(work.resolve(ID.value()));
    write(earlier.resolve("new/0"), "version 2");
    Files.createDirectories(earlier.resolve("old"));
    Files.writeString(earlier.resolve("journal"), "PUT\tarchive-lan/kept/a.txt\n"
        + "REMOVE\tarchive-lan/old/gone.txt\n");

    assertEquals(List.of(ID + ": completed"), ReplicaUpdate.recover(store, work, id -> true));

    assertEquals("version 2", Files.readString(file("kept", "a.txt")));
    assertFalse(Files.exists(file("old", "gone.txt")));
    assertEquals(List.of(), listing(work));
  }

  @Test
  void recoveryPrunesWhatAFinishCutShortLeftEmpty() throws IOException {
    ReplicaUpdate u = staged();
    u.execute();
    // A finish cut short after setting the journal aside: its folders are left to prune.
    Path aside = work.resolve(ID.value() + ".removed");
    Files.move(work.resolve(ID.value()).resolve("journal"), aside);
    org.gapsync.format.files.FileTrees.delete(work.resolve(ID.value()));

    assertEquals(List.of(), ReplicaUpdate.recover(store, work, id -> true));
    assertApplied();
    assertTrue(Files.isDirectory(work));
  }
}
