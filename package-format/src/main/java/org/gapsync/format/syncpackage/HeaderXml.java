package org.gapsync.format.syncpackage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.Repeats;
import org.gapsync.format.SchemaViolationException;
import org.gapsync.format.Volume;
import org.gapsync.format.xml.CommonXml;
import org.gapsync.format.xml.DocumentCopy;
import org.gapsync.format.xml.DocumentRecords;
import org.gapsync.format.xml.XmlCodec;
import org.gapsync.format.xml.common.RemovedFile;
import org.gapsync.format.xml.syncpackage.SyncPackage;

/**
 * Maps the sync header between {@link PackageHeader} and its XML document, a record at a time
 * both ways: the document is validated in one streaming pass, then its records are read as they
 * are walked ({@link DocumentRecords}), never all at once.
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
        header.previousPackageId(), header.created(), header.operator(), header.volume()),
        out)) {
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
      Repeats ids = new Repeats();
      Repeats folders = new Repeats();
      int count = 0;
      for (Optional<RecordChange> r = next(xml); r.isPresent(); r = next(xml)) {
        ids.note(r.get().archivalId());
        folders.note(r.get().folder().toLowerCase(Locale.ROOT));
        count = Math.addExact(count, 1);
      }
      List<RecordChange> records = new DocumentRecords<>(CODEC, DOCUMENT, document, count,
          HeaderXml::summary, HeaderXml::next);
      if (ids.mayRepeat() || folders.mayRepeat()) {
        checkUnique(records, ids, folders);
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
  private static void checkUnique(List<RecordChange> records, Repeats ids, Repeats folders)
      throws PackageFormatException {
    for (RecordChange r : records) {
      if (ids.isRepeated(r.archivalId())) {
        throw new PackageFormatException(DOCUMENT + ": record listed twice: " + r.archivalId());
      }
      if (folders.isRepeated(r.folder().toLowerCase(Locale.ROOT))) {
        throw new PackageFormatException(DOCUMENT + ": folder used twice: " + r.folder());
      }
    }
  }

  /** Everything before the records. */
  private record Summary(PackageId packageId, String sourcePlatform, String destination,
      TemplateRef template, long sequence, Optional<PackageId> previousPackageId,
      java.time.Instant created, String operator, Optional<Volume> volume) {
    PackageHeader header(List<RecordChange> records) {
      return new PackageHeader(packageId, sourcePlatform, destination, template, sequence,
          previousPackageId, created, operator, volume, records);
    }
  }

  /** Reads the elements before {@code records}, leaving the reader inside it. */
  private static Summary summary(XmlCodec.Elements xml) throws IOException {
    Map<String, String> text = new HashMap<>();
    TemplateRef template = null;
    Optional<Volume> volume = Optional.empty();
    for (Optional<String> e = xml.nextStart(); e.isPresent() && !e.get().equals("records");
        e = xml.nextStart()) {
      if (e.get().equals("volume")) {
        volume = Optional.of(CommonXml.volume(DOCUMENT, xml));
      } else if (e.get().equals("template")) {
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
        CommonXml.token(text.get("operator")), volume);
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
    Map<PackagePath, FilePart> parts = new HashMap<>();
    for (org.gapsync.format.xml.syncpackage.CarriedFile f : xml.getFile()) {
      FileState file = CommonXml.fromXml(DOCUMENT, f);
      files.add(file);
      if (f.getPart() != null) {
        parts.put(file.path(), part(f.getPart()));
      }
    }
    List<PackagePath> removed = new ArrayList<>(xml.getRemoved().size());
    for (RemovedFile r : xml.getRemoved()) {
      removed.add(CommonXml.path(DOCUMENT, r.getPath()));
    }
    long spans = xml.getSpans() == null ? 1 : CommonXml.toLong(DOCUMENT, xml.getSpans());
    if (spans > 9999) {
      throw new PackageFormatException(DOCUMENT + ": record " + xml.getArchivalId() + " spans "
          + spans + " volumes, more than a set has");
    }
    try {
      return new RecordChange(xml.getArchivalId(),
          ChangeKind.valueOf(xml.getChange().value().toUpperCase(Locale.ROOT)),
          CommonXml.toLong(DOCUMENT, xml.getVersion()), xml.getFolder(), files, removed,
          (int) spans, parts);
    } catch (IllegalArgumentException e) {
      throw new PackageFormatException(DOCUMENT + ": " + e.getMessage(), e);
    }
  }

  private static FilePart part(org.gapsync.format.xml.syncpackage.FilePart xml)
      throws PackageFormatException {
    long number = CommonXml.toLong(DOCUMENT, xml.getNumber());
    long count = CommonXml.toLong(DOCUMENT, xml.getCount());
    if (count > 1_000_000 || number > count) {
      throw new PackageFormatException(DOCUMENT + ": part " + number + " of " + count);
    }
    try {
      return new FilePart((int) number, (int) count, CommonXml.toLong(DOCUMENT,
          xml.getOffset()), CommonXml.toLong(DOCUMENT, xml.getSize()), Digest.parse(
              DigestAlgorithm.SHA256, xml.getSha256()));
    } catch (IllegalArgumentException e) {
      throw new PackageFormatException(DOCUMENT + ": " + e.getMessage(), e);
    }
  }
}
