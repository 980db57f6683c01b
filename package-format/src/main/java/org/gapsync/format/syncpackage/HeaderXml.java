package org.gapsync.format.syncpackage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.gapsync.format.FileState;
import org.gapsync.format.Fingerprints;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.SchemaViolationException;
import org.gapsync.format.xml.CommonXml;
import org.gapsync.format.xml.DocumentCopy;
import org.gapsync.format.xml.XmlCodec;
import org.gapsync.format.xml.common.RemovedFile;
import org.gapsync.format.xml.syncpackage.SyncPackage;

/**
 * Maps the sync header between {@link PackageHeader} and its XML document, a record at a time
 * both ways: the document is validated in one streaming pass, then its records are read as they
 * are walked ({@link StreamedRecords}), never all at once.
 */
final class HeaderXml {
  static final String NAMESPACE = "urn:gapsync:sync-package:1";
  private static final XmlCodec<SyncPackage> CODEC = XmlCodec.of(SyncPackage.class,
      new QName(NAMESPACE, "syncPackage"), "sync-package.xsd");
  private static final String DOCUMENT = "sync/package.xml";

  private HeaderXml() {}

  /** Returns the document of a header held in memory, as the package writer writes it. */
  static byte[] write(PackageHeader header) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (HeaderWriter w = HeaderWriter.start(new PackageSpec(header.packageId(),
        header.sourcePlatform(), header.destination(), header.template(), header.sequence(),
        header.previousPackageId(), header.created(), header.operator()), out)) {
      for (RecordChange r : header.records()) {
        w.record(r);
      }
      w.finish();
    }
    return out.toByteArray();
  }

  /**
   * Reads and validates the header: copies the document, validates the copy against the schema,
   * then reads what precedes the records and walks the records once, checking each and that no
   * record or folder (without regard to case) appears twice.
   */
  static PackageHeader read(XmlCodec.Source source) throws IOException {
    DocumentCopy document = DocumentCopy.copyOf(source);
    CODEC.validate(DOCUMENT, document::open);
    try (InputStream in = document.open(); XmlCodec.Elements xml = CODEC.elements(DOCUMENT, in)) {
      xml.nextStart();
      Summary summary = summary(xml);
      Fingerprints ids = new Fingerprints();
      Fingerprints folders = new Fingerprints();
      Set<Long> suspects = new HashSet<>();
      int count = 0;
      for (Optional<RecordChange> r = next(xml); r.isPresent(); r = next(xml)) {
        long id = ids.of(r.get().archivalId());
        long folder = folders.of(r.get().folder().toLowerCase(Locale.ROOT));
        if (!ids.add(id)) {
          suspects.add(id);
        }
        if (!folders.add(folder)) {
          suspects.add(folder);
        }
        count = Math.addExact(count, 1);
      }
      StreamedRecords records = new StreamedRecords(document, count);
      if (!suspects.isEmpty()) {
        checkUnique(records, suspects);
      }
      return summary.header(records);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new PackageFormatException(DOCUMENT + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks by name the records whose id or folder shares a fingerprint with an earlier one: a
   * second walk, made only in the rare case that a fingerprint repeats.
   */
  private static void checkUnique(List<RecordChange> records, Set<Long> suspects)
      throws PackageFormatException {
    Fingerprints f = new Fingerprints();
    Map<String, Boolean> ids = new HashMap<>();
    Map<String, Boolean> folders = new HashMap<>();
    for (RecordChange r : records) {
      String folder = r.folder().toLowerCase(Locale.ROOT);
      if (suspects.contains(f.of(r.archivalId())) && ids.put(r.archivalId(), true) != null) {
        throw new PackageFormatException(DOCUMENT + ": record listed twice: " + r.archivalId());
      }
      if (suspects.contains(f.of(folder)) && folders.put(folder, true) != null) {
        throw new PackageFormatException(DOCUMENT + ": folder used twice: " + r.folder());
      }
    }
  }

  /** Opens the records of a validated document, to be walked once. */
  static RecordReader openRecords(DocumentCopy document) throws IOException {
    InputStream in = document.open();
    try {
      XmlCodec.Elements xml = CODEC.elements(DOCUMENT, in);
      xml.nextStart();
      summary(xml);
      return new RecordReader(in, xml);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** One walk over a document's records. */
  static final class RecordReader implements AutoCloseable {
    private final InputStream in;
    private final XmlCodec.Elements xml;

    private RecordReader(InputStream in, XmlCodec.Elements xml) {
      this.in = in;
      this.xml = xml;
    }

    /** Returns the next record, or empty after the last. */
    Optional<RecordChange> next() throws IOException {
      try {
        return HeaderXml.next(xml);
      } catch (IllegalArgumentException e) {
        throw new PackageFormatException(DOCUMENT + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      try (in) {
        xml.close();
      }
    }
  }

  /** Everything before the records. */
  private record Summary(PackageId packageId, String sourcePlatform, String destination,
      TemplateRef template, long sequence, Optional<PackageId> previousPackageId,
      java.time.Instant created, String operator) {
    PackageHeader header(List<RecordChange> records) {
      return new PackageHeader(packageId, sourcePlatform, destination, template, sequence,
          previousPackageId, created, operator, records);
    }
  }

  /** Reads the elements before {@code records}, leaving the reader inside it. */
  private static Summary summary(XmlCodec.Elements xml) throws IOException {
    Map<String, String> text = new HashMap<>();
    TemplateRef template = null;
    for (Optional<String> e = xml.nextStart(); e.isPresent() && !e.get().equals("records");
        e = xml.nextStart()) {
      if (e.get().equals("template")) {
        template = new TemplateRef(CommonXml.token(xml.attribute("id").orElseThrow()),
            CommonXml.toLong(DOCUMENT, xml.attribute("version").orElseThrow()));
        xml.text();
      } else {
        text.put(e.get(), xml.text());
      }
    }
    if (template == null || !text.keySet().containsAll(List.of("packageId", "sourcePlatform",
        "destination", "sequence", "created", "operator"))) {
      throw new SchemaViolationException(DOCUMENT, xml.line(), "the header's summary is "
          + "incomplete", null);
    }
    return new Summary(PackageId.of(CommonXml.token(text.get("packageId"))),
        CommonXml.token(text.get("sourcePlatform")), CommonXml.token(text.get("destination")),
        template, CommonXml.toLong(DOCUMENT, text.get("sequence")),
        Optional.ofNullable(text.get("previousPackageId")).map(CommonXml::token)
            .map(PackageId::of),
        CommonXml.toInstant(DOCUMENT, text.get("created")),
        CommonXml.token(text.get("operator")));
  }

  private static Optional<RecordChange> next(XmlCodec.Elements xml) throws IOException {
    Optional<String> e = xml.nextStart();
    if (e.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(fromXml(xml.bind(
        org.gapsync.format.xml.syncpackage.RecordChange.class)));
  }

  private static RecordChange fromXml(org.gapsync.format.xml.syncpackage.RecordChange xml)
      throws PackageFormatException {
    List<FileState> files = new ArrayList<>(xml.getFile().size());
    for (org.gapsync.format.xml.common.FileState f : xml.getFile()) {
      files.add(CommonXml.fromXml(DOCUMENT, f));
    }
    List<PackagePath> removed = new ArrayList<>(xml.getRemoved().size());
    for (RemovedFile r : xml.getRemoved()) {
      removed.add(CommonXml.path(DOCUMENT, r.getPath()));
    }
    return new RecordChange(xml.getArchivalId(),
        ChangeKind.valueOf(xml.getChange().value().toUpperCase(Locale.ROOT)),
        CommonXml.toLong(DOCUMENT, xml.getVersion()), xml.getFolder(), files, removed);
  }
}
