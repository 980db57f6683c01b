package org.gapsync.format.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.gapsync.format.PackagePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar reader's index: every entry's content found where its header says, by offset. */
class TarReaderTest {
  @TempDir
  Path dir;

  private Path write(Map<String, byte[]> files) throws IOException {
    try (ContainerWriter out = ContainerWriter.create(ContainerFormat.TAR, dir, "pkg",
        ContainerWriter.Options.DEFAULT)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        try (OutputStream entry = out.newEntry(new PackagePath(f.getKey()),
            f.getValue().length)) {
          entry.write(f.getValue());
        }
      }
      return out.commit();
    }
  }

  private static byte[] bytes(int size, int seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void readsEveryEntryWhateverItsSizeAndName() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    int[] sizes = {0, 1, 511, 512, 513, 1024, 100_000, 3};
    for (int i = 0; i < sizes.length; i++) {
      files.put("data/f" + i + ".bin", bytes(sizes[i], i));
    }
    // A name too long for the classic header (a PAX header before it) and a non-ASCII one.
    files.put("data/" + "long-folder-name/".repeat(12) + "minutes.txt", bytes(700, 40));
    files.put("data/档案/会议纪要.txt", bytes(2000, 41));
    Path tar = write(files);

    try (ContainerReader reader = ContainerReader.open(tar)) {
      Map<String, byte[]> read = new LinkedHashMap<>();
      reader.entries(e -> {
        if (e.kind() == EntryKind.FILE) {
          try (InputStream in = reader.open(e)) {
            read.put(e.name(), in.readAllBytes());
          }
        }
      });
      assertEquals(List.copyOf(files.keySet()), List.copyOf(read.keySet()));
      files.forEach((name, content) -> assertArrayEquals(content, read.get(name), name));
    }
  }

  @Test
  void readsTheSameContentInReadsOfAnySize() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("data/small.bin", bytes(700, 1));
    files.put("data/large.bin", bytes(1_000_000, 2));
    files.put("data/after.bin", bytes(900, 3));
    Path tar = write(files);

    try (ContainerReader reader = ContainerReader.open(tar)) {
      for (int size : new int[] {1, 511, 8192, 1 << 16, 1 << 20}) {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
          java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
          try (InputStream in = reader.open(reader.find(f.getKey()).orElseThrow())) {
            byte[] buffer = new byte[size];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
              read.write(buffer, 0, n);
            }
          }
          assertArrayEquals(f.getValue(), read.toByteArray(), f.getKey() + " in reads of "
              + size);
        }
      }
    }
  }

  @Test
  void findsEachEntryByItsExactNameOnly() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 3000; i++) {
      files.put("data/r" + i + "/f.bin", bytes(i % 700, i));
    }
    files.put("data/" + "long-folder-name/".repeat(12) + "minutes.txt", bytes(700, 40));
    files.put("data/档案/会议纪要.txt", bytes(2000, 41));
    Path tar = write(files);

    try (ContainerReader reader = ContainerReader.open(tar)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        ContainerEntry e = reader.find(f.getKey()).orElseThrow(() -> new AssertionError(
            f.getKey()));
        try (InputStream in = reader.open(e)) {
          assertArrayEquals(f.getValue(), in.readAllBytes(), f.getKey());
        }
      }
      assertEquals(java.util.Optional.empty(), reader.find("data/r1/f.bi"));
      assertEquals(java.util.Optional.empty(), reader.find("data/R1/f.bin"));
      assertEquals(java.util.Optional.empty(), reader.find("data/r3000/f.bin"));
      assertEquals(java.util.Optional.empty(), reader.find(""));
    }
  }

  @Test
  void findsNamesBelowTheBaseFolderOfASerializedBag(@TempDir Path dir) throws IOException {
    Path tar = dir.resolve("bag.tar");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      TarArchiveEntry folder = new TarArchiveEntry("bag-1/");
      out.putArchiveEntry(folder);
      out.closeArchiveEntry();
      for (String name : List.of("bag-1/bagit.txt", "bag-1/data/a.txt")) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(3);
        out.putArchiveEntry(e);
        out.write("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.closeArchiveEntry();
      }
    }

    try (ContainerReader reader = ContainerReader.open(tar)) {
      List<String> names = new java.util.ArrayList<>();
      reader.entries(e -> names.add(e.name()));
      assertEquals(List.of("bagit.txt", "data/a.txt"), names);
      assertEquals(3, reader.find("data/a.txt").orElseThrow().size());
      assertEquals(java.util.Optional.empty(), reader.find("bag-1/data/a.txt"));
    }
  }

  @Test
  void aTarCutInsideTheLastContentFailsToReadIt() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("data/a.bin", bytes(100, 1));
    files.put("data/b.bin", bytes(50_000, 2));
    Path tar = write(files);
    byte[] whole = Files.readAllBytes(tar);
    // Cut inside b.bin's content, before the end-of-archive records.
    Files.write(tar, java.util.Arrays.copyOf(whole, whole.length - 1024 - 20_000));

    assertThrows(IOException.class, () -> {
      try (ContainerReader reader = ContainerReader.open(tar)) {
        reader.entries(e -> {
          if (e.kind() == EntryKind.FILE) {
            try (InputStream in = reader.open(e)) {
              in.readAllBytes();
            }
          }
        });
      }
    });
  }

  @Test
  void aTarCutInsideAFileIsRefusedWhenOpenedNamingTheFile() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("data/a.bin", bytes(100, 1));
    // Larger than the block the headers are read in: its content is passed over, not read.
    files.put("data/b.bin", bytes(300_000, 2));
    files.put("data/c.bin", bytes(10, 3));
    Path tar = write(files);
    byte[] whole = Files.readAllBytes(tar);
    Files.write(tar, java.util.Arrays.copyOf(whole, 2048 + 150_000));

    org.gapsync.format.PackageFormatException e = assertThrows(
        org.gapsync.format.PackageFormatException.class, () -> ContainerReader.open(tar)
            .close());

    assertEquals(true, e.getMessage().contains("before the content of pkg/data/b.bin"),
        e.getMessage());
    assertEquals(true, e.getMessage().endsWith("(truncated)"), e.getMessage());
  }

  @Test
  void aPackageThatWentAwayIsAnEnvironmentErrorNotABadPackage(@TempDir Path dir) {
    Path gone = dir.resolve("archive-lan-reading-room-000001.tar");

    java.nio.file.NoSuchFileException e = assertThrows(java.nio.file.NoSuchFileException.class,
        () -> ContainerReader.open(gone));

    assertEquals(gone + ": gone: the medium was unplugged or unmounted, or the package was "
        + "moved; mount it again and run the command again", e.getMessage());
  }
}
