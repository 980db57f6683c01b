package org.gapsync.platform.ferry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.platform.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FerryFolderTest {
  private static final Duration SETTLE = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  @Test
  void aFilePublishedByRenameAppearsWholeUnderItsNameAndNothingElseIsLeft() throws Exception {
    byte[] bytes = "a package".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Path built = Files.write(dir.resolve("archive-lan-backup-000001.tar"), bytes);
    FerryFolder outbox = new FerryFolder(dir.resolve("outbox"), Arrival.RENAME);

    Path published = outbox.publish(built);

    assertArrayEquals(bytes, Files.readAllBytes(published));
    assertEquals(List.of("archive-lan-backup-000001.tar"), names(outbox.dir()));
  }

  @Test
  void aFilePublishedWithAMarkerHasItsLengthAndDigestInTheMarkerWrittenLast() throws Exception {
    byte[] bytes = new byte[70_000];
    Path built = Files.write(dir.resolve("p.tar"), bytes);
    FerryFolder outbox = new FerryFolder(dir.resolve("outbox"), Arrival.MARKER);

    Path published = outbox.publish(built);

    assertEquals(List.of("p.tar", "p.tar.done"), names(outbox.dir()));
    assertEquals(new FerryFolder.Marker(70_000, Digest.of(DigestAlgorithm.SHA256, bytes)),
        outbox.marked(published).orElseThrow());
  }

  @Test
  void byRenameOnlySettledFilesUnderTheirOwnNamesHaveArrived() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Path old = Files.writeString(inbox.resolve("a.tar"), "whole");
    Path growing = Files.writeString(inbox.resolve("b.tar"), "still being copied");
    Files.writeString(inbox.resolve(".c.tar.partial"), "hidden");
    Instant now = Instant.parse("2026-12-03T12:00:00Z");
    Files.setLastModifiedTime(old, FileTime.from(now.minusSeconds(11)));
    Files.setLastModifiedTime(growing, FileTime.from(now.minusSeconds(2)));

    List<Path> arrived = new FerryFolder(inbox, Arrival.RENAME).arrived(SETTLE, now);

    assertEquals(List.of(old), arrived);
  }

  @Test
  void byMarkerOnlyFilesWhoseMarkerCameAndMatchesTheirLengthHaveArrived() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    FerryFolder folder = new FerryFolder(inbox, Arrival.MARKER);
    Path whole = folder.publish(Files.writeString(dir.resolve("a.tar"), "whole"));
    Path unmarked = Files.writeString(inbox.resolve("b.tar"), "no marker yet");
    Path shorter = folder.publish(Files.writeString(dir.resolve("c.tar"), "complete text"));
    // The appliance copied the marker before the whole file.
    Files.writeString(shorter, "compl");

    List<Path> arrived = folder.arrived(SETTLE, Instant.now());

    assertEquals(List.of(whole), arrived);
    assertTrue(Files.exists(unmarked));
    folder.take(whole);
    assertEquals(List.of("b.tar", "c.tar", "c.tar.done"), names(inbox));
  }

  @Test
  void aFileThatStaysUnlikeItsMarkerIsMisdeliveredOnceItHasSettled() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    FerryFolder folder = new FerryFolder(inbox, Arrival.MARKER);
    Path cut = folder.publish(Files.writeString(dir.resolve("a.tar"), "complete text"));
    Path growing = folder.publish(Files.writeString(dir.resolve("b.tar"), "complete text"));
    Path whole = folder.publish(Files.writeString(dir.resolve("c.tar"), "complete text"));
    Files.writeString(cut, "compl");
    Files.writeString(growing, "comp");
    Instant now = Instant.parse("2026-12-03T12:00:00Z");
    Files.setLastModifiedTime(cut, FileTime.from(now.minusSeconds(11)));
    Files.setLastModifiedTime(growing, FileTime.from(now.minusSeconds(2)));
    Files.setLastModifiedTime(whole, FileTime.from(now.minusSeconds(11)));

    assertEquals(List.of(cut), folder.misdelivered(SETTLE, now));
    assertEquals(List.of(), new FerryFolder(inbox, Arrival.RENAME).misdelivered(SETTLE, now));
  }

  @Test
  void aNameAnApplianceMayNotCarryIsRefused() throws Exception {
    Path built = Files.writeString(dir.resolve("x".repeat(62) + ".tar"), "66 characters");
    FerryFolder outbox = new FerryFolder(dir.resolve("outbox"), Arrival.RENAME);

    UsageException e = assertThrows(UsageException.class, () -> outbox.publish(built));

    assertTrue(e.getMessage().contains("(66 characters) cannot cross a ferry: its names are at "
        + "most 65 characters"), e.getMessage());
    assertThrows(UsageException.class, () -> FerryFolder.checkName("案卷.tar"));
    assertEquals(List.of(), names(outbox.dir()));
  }

  @Test
  void theConventionIsNamedOnTheCommandLine() {
    assertEquals(Arrival.MARKER, Arrival.parse("marker"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Arrival.parse("flag"))
        .getMessage().contains("'rename' or 'marker', not 'flag'"));
  }

  private static List<String> names(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
