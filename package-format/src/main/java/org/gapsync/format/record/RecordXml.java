package org.gapsync.format.record;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.namespace.QName;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.xml.XmlCodec;
import org.gapsync.format.xml.record.Openness;
import org.gapsync.format.xml.record.Property;
import org.gapsync.format.xml.record.Record;
import org.gapsync.format.xml.record.SecurityLevel;

/** Maps record metadata between named fields and the schema's XML. */
final class RecordXml {
  private static final XmlCodec<Record> CODEC = XmlCodec.of(Record.class,
      new QName("urn:gapsync:archival-record:1", "record"), "archival-record.xsd");

  private RecordXml() {}

  static RecordMetadata read(String name, XmlCodec.Source source) throws IOException {
    Record r = CODEC.read(name, source);
    Map<String, String> f = new LinkedHashMap<>();
    put(f, "identifier", r.getIdentifier());
    put(f, "title", r.getTitle());
    put(f, "fonds", r.getFonds());
    put(f, "year", r.getYear() == null ? null : r.getYear().toXMLFormat());
    put(f, "retention", r.getRetention());
    put(f, "openness", r.getOpenness() == null ? null : r.getOpenness().value());
    put(f, "securityLevel", r.getSecurityLevel() == null ? null : r.getSecurityLevel().value());
    put(f, "creator", r.getCreator());
    put(f, "dateCreated", r.getDateCreated() == null ? null : r.getDateCreated().toXMLFormat());
    put(f, "dateModified", r.getDateModified() == null ? null
        : r.getDateModified().toXMLFormat());
    put(f, "description", r.getDescription());
    for (Property p : r.getProperty()) {
      put(f, RecordMetadata.PROPERTY + p.getName(), p.getValue());
    }
    try {
      return new RecordMetadata(f);
    } catch (IllegalArgumentException e) {
      throw new PackageFormatException(name + ": " + e.getMessage(), e);
    }
  }

  private static void put(Map<String, String> fields, String name, String value) {
    if (value != null) {
      fields.put(name, value);
    }
  }

  static byte[] write(RecordMetadata m) throws PackageFormatException {
    Record r = new Record();
    r.setFormatVersion(XmlCodec.FORMAT_VERSION);
    DatatypeFactory types = datatypes();
    r.setIdentifier(m.identifier());
    m.get("title").ifPresent(r::setTitle);
    m.get("fonds").ifPresent(r::setFonds);
    m.get("year").ifPresent(v -> r.setYear(types.newXMLGregorianCalendar(v)));
    m.get("retention").ifPresent(r::setRetention);
    m.get("openness").ifPresent(v -> r.setOpenness(Openness.fromValue(v)));
    m.get("securityLevel").ifPresent(v -> r.setSecurityLevel(SecurityLevel.fromValue(v)));
    m.get("creator").ifPresent(r::setCreator);
    m.get("dateCreated").ifPresent(v -> r.setDateCreated(types.newXMLGregorianCalendar(v)));
    m.get("dateModified").ifPresent(v -> r.setDateModified(types.newXMLGregorianCalendar(v)));
    m.get("description").ifPresent(r::setDescription);
    m.fields().forEach((k, v) -> {
      if (k.startsWith(RecordMetadata.PROPERTY)) {
        Property p = new Property();
        p.setName(k.substring(RecordMetadata.PROPERTY.length()));
        p.setValue(v);
        r.getProperty().add(p);
      }
    });
    return CODEC.write(r);
  }

  private static DatatypeFactory datatypes() {
    try {
      return DatatypeFactory.newInstance();
    } catch (DatatypeConfigurationException e) {
      throw new AssertionError("every JDK provides a DatatypeFactory", e);
    }
  }
}
