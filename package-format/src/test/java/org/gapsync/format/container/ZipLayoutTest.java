package org.gapsync.format.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackagePath;
import org.gapsync.format.testing.Tamper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes of a zip that no digest covers are checked when it is opened: a byte flipped in any
 * header, the central directory or the end records gives a refusal, never the same entries.
 */
class ZipLayoutTest {
  private static final ContainerWriter.Options OPTIONS =
      new ContainerWriter.Options(false, Instant.parse("2026-03-01T08:00:00Z"));

  @TempDir
  Path dir;

  private Path zip(String name, int files) throws IOException {
    try (ContainerWriter out = ContainerWriter.create(ContainerFormat.ZIP, dir, name, OPTIONS)) {
      for (int i = 0; i < files; i++) {
        byte[] content = ("file " + i).getBytes(StandardCharsets.UTF_8);
        try (OutputStream entry = out.newEntry(new PackagePath("data/说明/" + i + ".txt"),
            content.length)) {
          entry.write(content);
        }
      }
      return out.commit();
    }
  }

  private static List<ContainerEntry> entries(Path zip) throws IOException {
    List<ContainerEntry> out = new ArrayList<>();
    try (ContainerReader reader = ContainerReader.open(zip)) {
      reader.entries(out::add);
    }
    return out;
  }

  /** Returns every offset of {@code zip} outside its entries' data. */
  private static List<Long> outsideData(Path zip) throws IOException {
    List<long[]> data = new ArrayList<>();
    try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
      for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
        data.add(new long[] {e.getDataOffset(), e.getDataOffset() + e.getCompressedSize()});
      }
    }
    List<Long> out = new ArrayList<>();
    for (long at = 0; at < Files.size(zip); at++) {
      long p = at;
      if (data.stream().noneMatch(d -> p >= d[0] && p < d[1])) {
        out.add(at);
      }
    }
    return out;
  }

  @Test
  void aFlipInAnyHeaderOrEndRecordIsRefused() throws Exception {
    Path zip = zip("pkg", 3);
    List<ContainerEntry> intact = entries(zip);
    List<Long> unnoticed = new ArrayList<>();

    List<Long> offsets = outsideData(zip);
    for (long at : offsets) {
      Path copy = dir.resolve("flipped.zip");
      Files.copy(zip, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Tamper.flipByte(copy, (int) at);
      try {
        if (entries(copy).equals(intact)) {
          unnoticed.add(at);
        }
      } catch (IOException refused) {
        // noticed
      }
    }

    assertEquals(List.of(), unnoticed, "of " + offsets.size() + " offsets outside the data");
  }

  @Test
  void opensAZipOfMoreEntriesThanItsEndRecordCanCount() throws Exception {
    Path zip = zip("many", 70_000);

    assertEquals(70_000, entries(zip).size());
  }

  @Test
  void refusesBytesAfterTheEndRecord() throws Exception {
    Path zip = zip("pkg", 2);
    Files.write(zip, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);

    PackageFormatException e = assertThrows(PackageFormatException.class, () -> entries(zip));

    assertEquals(zip + ": the zip does not end with its end of central directory record (bytes "
        + "after it, a comment, or a damaged byte)", e.getMessage());
  }
}
