package org.gapsync.format.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.namespace.QName;
import org.gapsync.format.SchemaViolationException;
import org.gapsync.format.UnsupportedFormatVersionException;
import org.gapsync.format.xml.record.Record;
import org.junit.jupiter.api.Test;

class XmlCodecTest {
  private static final XmlCodec<Record> CODEC = XmlCodec.of(Record.class,
      new QName("urn:gapsync:archival-record:1", "record"), "archival-record.xsd");

  private static final String VALID = """
      <?xml version="1.0" encoding="UTF-8"?>
      <record xmlns="urn:gapsync:archival-record:1" formatVersion="1.0">
        <identifier>A-2020-001</identifier>
        <title>关于档案数据同步的通知</title>
        <fonds>F001</fonds>
        <year>2020</year>
        <retention>permanent</retention>
        <openness>open</openness>
        <property name="pages">3</property>
      </record>
      """;

  private static Record read(String xml) throws Exception {
    return CODEC.read("metadata.xml",
        () -> new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsWhatWriterWrote() throws Exception {
    Record record = read(VALID);

    Record again = read(new String(CODEC.write(record), StandardCharsets.UTF_8));

    assertEquals("A-2020-001", again.getIdentifier());
    assertEquals("关于档案数据同步的通知", again.getTitle());
    assertEquals("3", again.getProperty().get(0).getValue());
  }

  @Test
  void reportsTheLineOfASchemaViolation() {
    SchemaViolationException e = assertThrows(SchemaViolationException.class,
        () -> read(VALID.replace("<year>2020</year>", "<year>twenty</year>")));

    assertEquals(6, e.line());
    assertTrue(e.getMessage().startsWith("metadata.xml:6: "), e.getMessage());
  }

  @Test
  void refusesADoctype() {
    String xxe = VALID.replace("<record ", "<!DOCTYPE r [<!ENTITY x SYSTEM "
        + "\"file:///etc/passwd\">]>\n<record ").replace("F001", "&x;");

    SchemaViolationException e = assertThrows(SchemaViolationException.class,
        () -> read(xxe));

    assertTrue(e.getMessage().contains("DTD"), e.getMessage());
  }

  @Test
  void refusesAnUnknownVersionByName() {
    UnsupportedFormatVersionException e = assertThrows(UnsupportedFormatVersionException.class,
        () -> read(VALID.replace("formatVersion=\"1.0\"", "formatVersion=\"3.1\"")));

    assertTrue(e.getMessage().contains("format version 3.1 is not supported"), e.getMessage());
  }

  @Test
  void refusesAnotherDocumentKindByName() {
    SchemaViolationException e = assertThrows(SchemaViolationException.class,
        () -> read("<syncPackage xmlns=\"urn:gapsync:sync-package:1\" formatVersion=\"1.0\"/>"));

    assertTrue(e.getMessage().contains("root element is {urn:gapsync:sync-package:1}syncPackage"),
        e.getMessage());
  }

  @Test
  void validatingAloneRefusesAnUnknownVersionBeforeTheSchema() {
    String future = VALID.replace("formatVersion=\"1.0\"", "formatVersion=\"3.1\"")
        .replace("<year>2020</year>", "<epoch>2020</epoch>");

    UnsupportedFormatVersionException e = assertThrows(UnsupportedFormatVersionException.class,
        () -> CODEC.validate("metadata.xml",
            () -> new ByteArrayInputStream(future.getBytes(StandardCharsets.UTF_8))));

    assertTrue(e.getMessage().contains("format version 3.1 is not supported"), e.getMessage());
  }

  @Test
  void namesADocumentThatIsNotXml() {
    SchemaViolationException e = assertThrows(SchemaViolationException.class,
        () -> read("title: not XML"));

    assertTrue(e.getMessage().contains("not well-formed XML"), e.getMessage());
  }
}
