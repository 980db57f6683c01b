package org.gapsync.format.receipt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.Repeats;
import org.gapsync.format.SchemaViolationException;
import org.gapsync.format.validation.Finding;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.format.xml.CommonXml;
import org.gapsync.format.xml.DocumentCopy;
import org.gapsync.format.xml.DocumentRecords;
import org.gapsync.format.xml.XmlCodec;
import org.gapsync.format.xml.receipt.SyncReceipt;

/**
 * Maps the receipt between {@link Receipt} and its XML document, a record at a time either way:
 * written with StAX as its records are walked, read by copying and validating the document,
 * then binding each record with JAXB each time {@link Receipt#records()} is walked. A receipt
 * of a million records is never held in memory whole.
 */
final class ReceiptXml {
  static final String NAMESPACE = "urn:gapsync:sync-receipt:1";
  private static final XmlCodec<SyncReceipt> CODEC = XmlCodec.of(SyncReceipt.class,
      new QName(NAMESPACE, "syncReceipt"), "sync-receipt.xsd");
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
  private static final String DOCUMENT = "sync/receipt.xml";

  private ReceiptXml() {}

  static byte[] write(Receipt receipt) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(receipt, out);
    return out.toByteArray();
  }

  /** Writes {@code receipt} to {@code out}, walking its records once; the stream stays open. */
  static void write(Receipt receipt, OutputStream out) throws IOException {
    try {
      Writer w = new Writer(FACTORY.createXMLStreamWriter(out, "UTF-8"));
      XMLStreamWriter xml = w.xml;
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.setDefaultNamespace(NAMESPACE);
      xml.writeStartElement(NAMESPACE, "syncReceipt");
      xml.writeDefaultNamespace(NAMESPACE);
      xml.writeAttribute("formatVersion", receipt.volume().isPresent()
          ? XmlCodec.VOLUME_FORMAT_VERSION : XmlCodec.PACKAGE_FORMAT_VERSION);
      w.text(1, "receiptId", receipt.receiptId().value());
      w.text(1, "packageId", receipt.packageId().value());
      w.text(1, "sourcePlatform", receipt.sourcePlatform());
      w.text(1, "targetPlatform", receipt.targetPlatform());
      w.text(1, "sequence", Long.toString(receipt.sequence()));
      if (receipt.volume().isPresent()) {
        w.indent(1);
        xml.writeEmptyElement(NAMESPACE, "volume");
        xml.writeAttribute("number", Integer.toString(receipt.volume().get().number()));
        xml.writeAttribute("count", Integer.toString(receipt.volume().get().count()));
      }
      w.text(1, "imported", CommonXml.toXml(receipt.imported()).toXMLFormat());
      w.text(1, "operator", receipt.operator());
      w.text(1, "packageOutcome", token(receipt.outcome()));
      w.start(1, "findings");
      for (Finding f : receipt.findings()) {
        w.start(2, "finding");
        xml.writeAttribute("code", f.code().name());
        if (!f.path().isEmpty()) {
          xml.writeAttribute("path", f.path());
        }
        xml.writeCharacters(f.message());
        xml.writeEndElement();
      }
      w.end(1, !receipt.findings().isEmpty());
      if (!receipt.checks().isEmpty()) {
        w.start(1, "checks");
        for (PropertyCheck c : receipt.checks()) {
          w.start(2, "check");
          xml.writeAttribute("property", token(c.property()));
          xml.writeAttribute("outcome", c.isPassed() ? "passed" : "failed");
          xml.writeCharacters(c.detail());
          xml.writeEndElement();
        }
        w.end(1, true);
      }
      w.start(1, "records");
      for (RecordResult r : receipt.records()) {
        w.indent(2);
        if (r.files().isEmpty()) {
          xml.writeEmptyElement(NAMESPACE, "record");
        } else {
          xml.writeStartElement(NAMESPACE, "record");
        }
        xml.writeAttribute("archivalId", r.archivalId());
        xml.writeAttribute("version", Long.toString(r.version()));
        xml.writeAttribute("outcome", token(r.outcome()));
        if (r.reason().isPresent()) {
          xml.writeAttribute("reason", r.reason().get());
        }
        for (FileState f : r.files()) {
          w.indent(3);
          xml.writeEmptyElement(NAMESPACE, "file");
          xml.writeAttribute("path", f.path().value());
          xml.writeAttribute("size", Long.toString(f.size()));
          xml.writeAttribute("sha256", f.digest().hex());
        }
        if (!r.files().isEmpty()) {
          w.end(2, true);
        }
      }
      w.end(1, !receipt.records().isEmpty());
      w.indent(0);
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
      xml.close();
      out.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the receipt: " + e.getMessage(), e);
    }
  }

  /** Writes indented elements. */
  private static final class Writer {
    private final XMLStreamWriter xml;

    Writer(XMLStreamWriter xml) {
      this.xml = xml;
    }

    void indent(int depth) throws XMLStreamException {
      xml.writeCharacters("\n" + "    ".repeat(depth));
    }

    void start(int depth, String name) throws XMLStreamException {
      indent(depth);
      xml.writeStartElement(NAMESPACE, name);
    }

    /** Ends the element opened at {@code depth}, on its own line if it has children. */
    void end(int depth, boolean hasChildren) throws XMLStreamException {
      if (hasChildren) {
        indent(depth);
      }
      xml.writeEndElement();
    }

    void text(int depth, String name, String value) throws XMLStreamException {
      start(depth, name);
      xml.writeCharacters(value);
      xml.writeEndElement();
    }
  }

  /**
   * Reads and validates the receipt: copies the document, validates the copy against the
   * schema, then reads what precedes the records and walks them once, counting them and
   * checking that none is listed twice (by fingerprint, and by id where one repeats); the
   * records are read again each time they are walked.
   */
  static Receipt read(XmlCodec.Source source) throws IOException {
    DocumentCopy document = DocumentCopy.copyOf(source);
    CODEC.validate(DOCUMENT, document::open);
    try (InputStream in = document.open(); XmlCodec.Elements xml = CODEC.elements(DOCUMENT, in)) {
      xml.nextStart();
      Summary summary = summary(xml);
      Repeats ids = new Repeats();
      int count = 0;
      for (Optional<RecordResult> r = next(xml); r.isPresent(); r = next(xml)) {
        ids.note(r.get().archivalId());
        count = Math.addExact(count, 1);
      }
      List<RecordResult> records = new DocumentRecords<>(CODEC, DOCUMENT, document, count,
          ReceiptXml::summary, ReceiptXml::next);
      if (ids.mayRepeat()) {
        for (RecordResult r : records) {
          if (ids.isRepeated(r.archivalId())) {
            throw new PackageFormatException(DOCUMENT + ": record listed twice: "
                + r.archivalId());
          }
        }
      }
      return summary.receipt(records);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new PackageFormatException(DOCUMENT + ": " + e.getMessage(), e);
    }
  }

  /** Everything before the records. */
  private record Summary(Map<String, String> text, List<Finding> findings,
      List<PropertyCheck> checks, Optional<org.gapsync.format.Volume> volume) {
    Receipt receipt(List<RecordResult> records) throws PackageFormatException {
      return new Receipt(PackageId.of(CommonXml.token(text.get("receiptId"))),
          PackageId.of(CommonXml.token(text.get("packageId"))),
          CommonXml.token(text.get("sourcePlatform")),
          CommonXml.token(text.get("targetPlatform")),
          CommonXml.toLong(DOCUMENT, text.get("sequence")),
          CommonXml.toInstant(DOCUMENT, text.get("imported")),
          CommonXml.token(text.get("operator")),
          constant(PackageOutcome.class, CommonXml.token(text.get("packageOutcome"))),
          findings, checks, records, volume);
    }
  }

  /** Reads the elements before {@code records}, leaving the reader inside it. */
  private static Summary summary(XmlCodec.Elements xml) throws IOException {
    Map<String, String> text = new HashMap<>();
    List<Finding> findings = new ArrayList<>();
    List<PropertyCheck> checks = new ArrayList<>();
    Optional<org.gapsync.format.Volume> volume = Optional.empty();
    for (Optional<String> e = xml.nextStart(); e.isPresent() && !e.get().equals("records");
        e = xml.nextStart()) {
      switch (e.get()) {
        case "volume" -> volume = Optional.of(CommonXml.volume(DOCUMENT, xml));
        case "findings" -> {
          while (xml.nextStart().isPresent()) {
            FindingCode code = FindingCode.valueOf(CommonXml.token(
                xml.attribute("code").orElseThrow()));
            String path = xml.attribute("path").orElse("");
            findings.add(new Finding(code, path, xml.text()));
          }
        }
        case "checks" -> {
          while (xml.nextStart().isPresent()) {
            QualityProperty property = constant(QualityProperty.class, CommonXml.token(
                xml.attribute("property").orElseThrow()));
            boolean isPassed = CommonXml.token(xml.attribute("outcome").orElseThrow())
                .equals("passed");
            checks.add(new PropertyCheck(property, isPassed, xml.text()));
          }
        }
        default -> text.put(e.get(), xml.text());
      }
    }
    if (!text.keySet().containsAll(List.of("receiptId", "packageId", "sourcePlatform",
        "targetPlatform", "sequence", "imported", "operator", "packageOutcome"))) {
      throw new SchemaViolationException(DOCUMENT, xml.line(), "the receipt's summary is "
          + "incomplete", null);
    }
    return new Summary(text, findings, checks, volume);
  }

  private static Optional<RecordResult> next(XmlCodec.Elements xml) throws IOException {
    if (xml.nextStart().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(fromXml(xml.bind(org.gapsync.format.xml.receipt.RecordResult.class)));
  }

  private static RecordResult fromXml(org.gapsync.format.xml.receipt.RecordResult x)
      throws PackageFormatException {
    List<FileState> files = new ArrayList<>();
    for (org.gapsync.format.xml.common.FileState f : x.getFile()) {
      files.add(CommonXml.fromXml(DOCUMENT, f));
    }
    return new RecordResult(x.getArchivalId(), CommonXml.toLong(DOCUMENT, x.getVersion()),
        constant(RecordOutcome.class, x.getOutcome().value()),
        Optional.ofNullable(x.getReason()), files);
  }

  private static String token(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String token) {
    return Enum.valueOf(type, token.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
