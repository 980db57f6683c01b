package org.gapsync.format.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.Volume;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParityTest {
  private static final PackageId ID = PackageId.of("archive-lan-backup-000007");
  // Lengths across the accumulator's chunk: a volume longer than the parity so far, and one
  // much shorter than the rest.
  private static final int[] LENGTHS = {2_500_001, 3_145_728, 12_345, 2_097_152};

  @TempDir
  Path dir;
  private final List<Path> volumes = new ArrayList<>();
  private Path parity;

  @BeforeEach
  void writeSet() throws IOException {
    Random random = new Random(7);
    Path media = Files.createDirectory(dir.resolve("media"));
    for (int k = 1; k <= LENGTHS.length; k++) {
      byte[] bytes = new byte[LENGTHS[k - 1]];
      random.nextBytes(bytes);
      volumes.add(Files.write(media.resolve(new Volume(k, LENGTHS.length).bagName(ID).value()
          + ".iso"), bytes));
    }
    parity = Files.createDirectory(dir.resolve(Volume.parityName(ID, LENGTHS.length).value()));
    try (ParityAccumulator p = ParityAccumulator.create(parity.resolve(ParityIndex.PARITY))) {
      // In any order: volumes are folded in as they are written.
      for (int k : new int[] {2, 1, 4, 3}) {
        p.fold(k, volumes.get(k - 1));
      }
      p.finish(ID).write(parity.resolve(ParityIndex.FILE));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void anyOneLostVolumeIsRebuiltByteForByte(int lost) throws IOException {
    Path out = Files.createDirectory(dir.resolve("out"));
    ParityRebuild.Rebuilt r = ParityRebuild.rebuild(parity, lost, others(lost), out);

    assertEquals(volumes.get(lost - 1).getFileName(), r.file().getFileName());
    assertArrayEquals(Files.readAllBytes(volumes.get(lost - 1)), Files.readAllBytes(r.file()));
    try (var s = Files.list(out)) {
      assertEquals(1, s.count(), "nothing but the volume rebuilt is left");
    }
  }

  @Test
  void theIndexSaysWhatEachVolumeWasAndReadsBackAsWritten() throws IOException {
    ParityIndex index = ParityIndex.read(parity);

    assertEquals(ID, index.packageId());
    assertEquals(4, index.count());
    assertEquals(3_145_728, index.parity().bytes(), "as long as the longest volume");
    assertEquals(Files.size(parity.resolve(ParityIndex.PARITY)), index.parity().bytes());
    assertEquals(12_345, index.volume(3).bytes());
    assertEquals("archive-lan-backup-000007.v3-of-4.iso", index.volume(3).name());
    assertEquals(org.gapsync.format.Digest.ofFile(ParityIndex.ALGORITHM, volumes.get(2)),
        index.volume(3).digest());
    List<String> lines = Files.readAllLines(parity.resolve(ParityIndex.FILE));
    assertEquals("Parity-Version: 1", lines.get(0));
    assertEquals("Volume-Count: 4", lines.get(2));
  }

  @Test
  void aRenamedVolumeIsKnownByItsLength() throws IOException {
    Path renamed = Files.move(volumes.get(0), volumes.get(0).resolveSibling("disc1.iso"));
    List<Path> others = new ArrayList<>(others(2));
    others.set(0, renamed);

    Path out = Files.createDirectory(dir.resolve("out"));
    ParityRebuild.rebuild(parity, 2, others, out);

    assertArrayEquals(Files.readAllBytes(volumes.get(1)), Files.readAllBytes(
        out.resolve(volumes.get(1).getFileName())));
  }

  @Test
  void aMissingVolumeIsNamedAndNothingIsWritten() throws IOException {
    Path out = Files.createDirectory(dir.resolve("out"));
    List<Path> two = others(1).subList(0, 2);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParityRebuild.rebuild(parity, 1, two, out));

    assertTrue(e.getMessage().startsWith("volume 4 of archive-lan-backup-000007 missing"),
        e.getMessage());
    assertEmpty(out);
  }

  @Test
  void theLostVolumeItselfOrOneTwiceIsRefused() throws IOException {
    Path out = Files.createDirectory(dir.resolve("out"));
    List<Path> withItself = new ArrayList<>(others(1));
    withItself.set(0, volumes.get(0));
    List<Path> twice = new ArrayList<>(others(1));
    twice.set(0, twice.get(1));

    assertTrue(assertThrows(IllegalArgumentException.class, () -> ParityRebuild.rebuild(parity,
        1, withItself, out)).getMessage().contains("is volume 1 itself"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ParityRebuild.rebuild(parity,
        1, twice, out)).getMessage().contains("volume 3 is given twice"));
    assertThrows(IllegalArgumentException.class, () -> ParityRebuild.rebuild(parity, 5,
        others(1), out));
    assertEmpty(out);
  }

  @Test
  void aDamagedVolumeOrParityRebuildsNothing() throws IOException {
    Path out = Files.createDirectory(dir.resolve("out"));
    flipByte(volumes.get(3), 1_000_000);

    PackageFormatException e = assertThrows(PackageFormatException.class,
        () -> ParityRebuild.rebuild(parity, 1, others(1), out));
    assertTrue(e.getMessage().contains("is not volume 4 (archive-lan-backup-000007.v4-of-4.iso) "
        + "as written"), e.getMessage());
    assertEmpty(out);

    flipByte(volumes.get(3), 1_000_000);
    flipByte(parity.resolve(ParityIndex.PARITY), 3_000_000);
    e = assertThrows(PackageFormatException.class,
        () -> ParityRebuild.rebuild(parity, 1, others(1), out));
    assertTrue(e.getMessage().contains("the parity volume is damaged"), e.getMessage());
    assertEmpty(out);
  }

  @Test
  void aMalformedIndexIsRefusedSayingWhy() throws IOException {
    Path index = parity.resolve(ParityIndex.FILE);
    List<String> lines = new ArrayList<>(Files.readAllLines(index));
    lines.set(2, "Volume-Count: 5");
    Files.write(index, lines, StandardCharsets.UTF_8);

    PackageFormatException e = assertThrows(PackageFormatException.class,
        () -> ParityIndex.read(parity));

    assertTrue(e.getMessage().contains("Volume-Count is 5 but it lists 4 volumes"),
        e.getMessage());
    assertThrows(PackageFormatException.class, () -> ParityIndex.read(dir));
  }

  private List<Path> others(int lost) {
    List<Path> others = new ArrayList<>(volumes);
    others.remove(lost - 1);
    return others;
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (var c = java.nio.channels.FileChannel.open(file,
        java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      c.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x5a));
      b.rewind();
      c.write(b, at);
    }
  }

  private static void assertEmpty(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      assertEquals(List.of(), s.toList(), "nothing left in " + dir);
    }
  }
}
