package org.gapsync.format.syncpackage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.gapsync.format.FileState;
import org.gapsync.format.PackagePath;
import org.gapsync.format.xml.CommonXml;
import org.gapsync.format.xml.XmlCodec;

/**
 * Writes the sync header a record at a time, in the layout {@link HeaderXml} writes it whole:
 * what a package of a million records declares is never held in memory at once. The values are
 * checked by the domain types they come from, and the read-back validates the document.
 */
final class HeaderWriter implements AutoCloseable {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private final XMLStreamWriter xml;
  private final OutputStream out;

  private HeaderWriter(OutputStream out) throws XMLStreamException {
    this.out = out;
    this.xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
  }

  /** Starts the header of {@code spec} on {@code out}: everything before its first record. */
  static HeaderWriter start(PackageSpec spec, OutputStream out) throws IOException {
    try {
      HeaderWriter w = new HeaderWriter(out);
      w.xml.writeStartDocument("UTF-8", "1.0");
      w.xml.writeCharacters("\n");
      w.xml.setDefaultNamespace(HeaderXml.NAMESPACE);
      w.xml.writeStartElement(HeaderXml.NAMESPACE, "syncPackage");
      w.xml.writeDefaultNamespace(HeaderXml.NAMESPACE);
      w.xml.writeAttribute("formatVersion", spec.volume().isPresent()
          ? XmlCodec.VOLUME_FORMAT_VERSION : XmlCodec.PACKAGE_FORMAT_VERSION);
      w.text("packageId", spec.packageId().value());
      w.text("sourcePlatform", spec.sourcePlatform());
      w.text("destination", spec.destination());
      w.indent(1);
      w.xml.writeEmptyElement(HeaderXml.NAMESPACE, "template");
      w.xml.writeAttribute("id", spec.template().id());
      w.xml.writeAttribute("version", Long.toString(spec.template().version()));
      w.text("sequence", Long.toString(spec.sequence()));
      if (spec.previousPackageId().isPresent()) {
        w.text("previousPackageId", spec.previousPackageId().get().value());
      }
      w.text("created", CommonXml.toXml(spec.created()).toXMLFormat());
      w.text("operator", spec.operator());
      if (spec.volume().isPresent()) {
        w.indent(1);
        w.xml.writeEmptyElement(HeaderXml.NAMESPACE, "volume");
        w.xml.writeAttribute("number", Integer.toString(spec.volume().get().number()));
        w.xml.writeAttribute("count", Integer.toString(spec.volume().get().count()));
      }
      w.indent(1);
      w.xml.writeStartElement(HeaderXml.NAMESPACE, "records");
      return w;
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  /** Writes one record's change. */
  void record(RecordChange record) throws IOException {
    try {
      indent(2);
      boolean isEmpty = record.files().isEmpty() && record.removed().isEmpty();
      if (isEmpty) {
        xml.writeEmptyElement(HeaderXml.NAMESPACE, "record");
      } else {
        xml.writeStartElement(HeaderXml.NAMESPACE, "record");
      }
      xml.writeAttribute("archivalId", record.archivalId());
      xml.writeAttribute("change", record.change().name().toLowerCase(Locale.ROOT));
      xml.writeAttribute("version", Long.toString(record.version()));
      xml.writeAttribute("folder", record.folder());
      if (record.isSpanning()) {
        xml.writeAttribute("spans", Integer.toString(record.spans()));
      }
      for (FileState f : record.files()) {
        indent(3);
        FilePart part = record.parts().get(f.path());
        if (part == null) {
          xml.writeEmptyElement(HeaderXml.NAMESPACE, "file");
        } else {
          xml.writeStartElement(HeaderXml.NAMESPACE, "file");
        }
        xml.writeAttribute("path", f.path().value());
        xml.writeAttribute("size", Long.toString(f.size()));
        xml.writeAttribute("sha256", f.digest().hex());
        if (part != null) {
          indent(4);
          xml.writeEmptyElement(HeaderXml.NAMESPACE, "part");
          xml.writeAttribute("number", Integer.toString(part.number()));
          xml.writeAttribute("count", Integer.toString(part.count()));
          xml.writeAttribute("offset", Long.toString(part.offset()));
          xml.writeAttribute("size", Long.toString(part.size()));
          xml.writeAttribute("sha256", part.digest().hex());
          indent(3);
          xml.writeEndElement();
        }
      }
      for (PackagePath p : record.removed()) {
        indent(3);
        xml.writeEmptyElement(HeaderXml.NAMESPACE, "removed");
        xml.writeAttribute("path", p.value());
      }
      if (!isEmpty) {
        indent(2);
        xml.writeEndElement();
      }
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  /** Ends the document and flushes it; the stream stays open. */
  void finish() throws IOException {
    try {
      indent(1);
      xml.writeEndElement();
      indent(0);
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
      out.flush();
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      xml.close();
    } catch (XMLStreamException e) {
      throw failed(e);
    }
  }

  private void text(String name, String value) throws XMLStreamException {
    indent(1);
    xml.writeStartElement(HeaderXml.NAMESPACE, name);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  private void indent(int depth) throws XMLStreamException {
    xml.writeCharacters("\n" + "    ".repeat(depth));
  }

  private static IOException failed(XMLStreamException e) {
    return new IOException("cannot write the sync header: " + e.getMessage(), e);
  }
}
