package org.gapsync.format.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gapsync.format.PackagePath;
import org.gapsync.format.TemplateInvalidException;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.record.RecordMetadata;
import org.junit.jupiter.api.Test;

class TemplateReaderTest {
  static final Path EXAMPLES = Path.of("..", "docs", "examples");

  private static Template read(String xml) throws Exception {
    return TemplateReader.read("t.xml",
        () -> new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static RecordMetadata record(String id) throws Exception {
    Path file;
    try (var walk = Files.walk(EXAMPLES.resolve("holdings"))) {
      file = walk.filter(p -> p.endsWith(Path.of(id, "metadata.xml"))).findFirst()
          .orElseThrow();
    }
    return RecordMetadata.read(file.toString(), () -> Files.newInputStream(file));
  }

  @Test
  void readsTheShippedExamples() throws Exception {
    Template backup = TemplateReader.read(EXAMPLES.resolve("backup.xml"));
    Template room = TemplateReader.read(EXAMPLES.resolve("reading-room.xml"));

    assertEquals(Purpose.BACKUP, backup.purpose());
    assertEquals(ContainerFormat.TAR, backup.encapsulation());
    assertEquals(ContainerFormat.DIRECTORY, room.encapsulation());
    assertTrue(room.selection().matches(record("F001-1998-0001")));
    assertFalse(room.selection().matches(record("F001-2005-0002")), "restricted");
    assertFalse(room.selection().matches(record("F002-2016-0002")), "controlled");
    assertTrue(backup.selection().matches(record("F001-2005-0002")));
  }

  @Test
  void offsiteBackupRequiresEncryptionOthersDoNot() throws Exception {
    assertTrue(TemplateReader.read(EXAMPLES.resolve("offsite-backup.xml")).isEncrypted());
    assertFalse(TemplateReader.read(EXAMPLES.resolve("backup.xml")).isEncrypted());
    assertFalse(TemplateReader.read(EXAMPLES.resolve("reading-room.xml")).isEncrypted());
  }

  @Test
  void refusesEncryptionOfFolderOrZipPackages() throws Exception {
    String offsite = Files.readString(EXAMPLES.resolve("offsite-backup.xml"));
    for (String form : new String[] {"folder", "zip"}) {
      String xml = offsite.replace("<encapsulation>tar</encapsulation>",
          "<encapsulation>" + form + "</encapsulation>");

      TemplateInvalidException e = assertThrows(TemplateInvalidException.class, () -> read(xml));

      assertEquals(1, e.violations().size(), e.violations()::toString);
      assertTrue(e.violations().get(0).contains("encryption requires tar encapsulation"),
          e.violations()::toString);
    }
  }

  @Test
  void readingRoomReceivesReducedMetadataAndNoMasterScans() throws Exception {
    Template room = TemplateReader.read(EXAMPLES.resolve("reading-room.xml"));
    RecordMetadata full = record("F001-1998-0002");

    RecordMetadata shaped = room.metadata().shape(full);

    assertTrue(full.get("securityLevel").isPresent());
    assertTrue(shaped.get("securityLevel").isEmpty());
    assertTrue(shaped.get("creator").isEmpty());
    assertEquals(full.get("title"), shaped.get("title"));
    assertEquals(new String(shaped.toXml(), StandardCharsets.UTF_8),
        new String(room.metadata().shape(record("F001-1998-0002")).toXml(),
            StandardCharsets.UTF_8), "same record, same template, same bytes");
    assertFalse(room.content().includes(new PackagePath("scans/page-001.tif")));
    assertTrue(room.content().includes(new PackagePath("plan.pdf")));
  }

  @Test
  void listsEveryRuleViolation() throws Exception {
    String xml = Files.readString(EXAMPLES.resolve("reading-room.xml"))
        .replace("<purpose>utilization</purpose>", "<purpose>backup</purpose>")
        .replace("<field>title</field>", "<field>colour</field>")
        .replace("<range field=\"year\" min=\"1950\"/>",
            "<range field=\"year\" min=\"2000\" max=\"1990\"/>");

    TemplateInvalidException e = assertThrows(TemplateInvalidException.class, () -> read(xml));

    assertEquals(4, e.violations().size(), e.violations()::toString);
    String all = String.join("\n", e.violations());
    assertTrue(all.contains("a backup template must send all metadata and all content"), all);
    assertTrue(all.contains("min is above max"), all);
    assertTrue(all.contains("not in the record schema"), all);
    assertTrue(all.contains("must keep the fields every metadata.xml requires"), all);
  }

  @Test
  void listsEverySchemaViolationWithItsLine() throws Exception {
    String xml = Files.readString(EXAMPLES.resolve("backup.xml"))
        .replace("<encapsulation>tar</encapsulation>", "<encapsulation>rar</encapsulation>")
        .replace("version=\"1\"", "version=\"0\"");

    TemplateInvalidException e = assertThrows(TemplateInvalidException.class, () -> read(xml));

    assertTrue(e.violations().size() >= 2, e.violations()::toString);
    assertTrue(e.violations().stream().anyMatch(v -> v.startsWith("t.xml:6: ")),
        e.violations()::toString);
  }
}
