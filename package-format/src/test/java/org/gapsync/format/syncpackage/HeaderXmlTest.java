package org.gapsync.format.syncpackage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.xml.DocumentCopy;
import org.junit.jupiter.api.Test;

/** The header document: what is written reads back, and records stay unique when read. */
class HeaderXmlTest {
  static final PackageHeader HEADER = new PackageHeader(PackageId.of("a-b-000001"), "a", "b",
      new TemplateRef("backup", 1), 1, Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"),
      "operator", List.of(delete("R-1", "folder-1"), delete("R-2", "folder-2")));

  private static RecordChange delete(String id, String folder) {
    return new RecordChange(id, ChangeKind.DELETE, 2, folder, List.of(), List.of());
  }

  @Test
  void readsWhatWriterWrote() throws Exception {
    byte[] xml = HeaderXml.write(HEADER);

    assertEquals(HEADER, HeaderXml.read(() -> new ByteArrayInputStream(xml)));
  }

  @Test
  void recordListedTwiceIsRefusedWhenRead() throws Exception {
    String xml = new String(HeaderXml.write(HEADER), StandardCharsets.UTF_8)
        .replace("\"R-2\"", "\"R-1\"");
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);

    PackageFormatException e = assertThrows(PackageFormatException.class,
        () -> HeaderXml.read(() -> new ByteArrayInputStream(bytes)));

    assertTrue(e.getMessage().contains("record listed twice: R-1"), e.getMessage());
  }

  @Test
  void folderUsedTwiceIsRefusedWhenRead() throws Exception {
    String xml = new String(HeaderXml.write(HEADER), StandardCharsets.UTF_8)
        .replace("\"folder-2\"", "\"FOLDER-1\"");
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);

    PackageFormatException e = assertThrows(PackageFormatException.class,
        () -> HeaderXml.read(() -> new ByteArrayInputStream(bytes)));

    assertTrue(e.getMessage().contains("folder used twice: FOLDER-1"), e.getMessage());
  }

  @Test
  void readsADocumentWithoutWhiteSpaceBetweenItsElements() throws Exception {
    byte[] xml = new String(HeaderXml.write(HEADER), StandardCharsets.UTF_8)
        .replaceAll(">\\s+<", "><").getBytes(StandardCharsets.UTF_8);

    assertEquals(HEADER, HeaderXml.read(() -> new ByteArrayInputStream(xml)));
  }

  @Test
  void aHeaderTooLargeToKeepInMemoryIsWalkedFromItsCopyAsOftenAsAsked() throws Exception {
    List<RecordChange> records = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      records.add(new RecordChange("R-" + i, ChangeKind.ADD, 1, "folder-" + i, List.of(
          new org.gapsync.format.FileState(new org.gapsync.format.PackagePath("scans/page.tif"),
              i, org.gapsync.format.Digest.of(org.gapsync.format.DigestAlgorithm.SHA256,
                  new byte[] {(byte) i}))), List.of()));
    }
    PackageHeader big = new PackageHeader(HEADER.packageId(), "a", "b", HEADER.template(), 1,
        Optional.empty(), HEADER.created(), "operator", records);
    byte[] xml = HeaderXml.write(big);
    assertTrue(xml.length > DocumentCopy.IN_MEMORY, "the test's header must be spilled");

    PackageHeader read = HeaderXml.read(() -> new ByteArrayInputStream(xml));

    assertEquals(20_000, read.records().size());
    assertEquals(big, read);
    assertEquals(records.get(19_999), read.records().stream().reduce((a, b) -> b)
        .orElseThrow(), "a second walk reads the same records");
  }
}
