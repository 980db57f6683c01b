package org.gapsync.format.syncpackage;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.xml.CommonXml;
import org.gapsync.format.xml.XmlCodec;
import org.gapsync.format.xml.common.RemovedFile;
import org.gapsync.format.xml.syncpackage.SyncPackage;

/** Maps the sync header between {@link PackageHeader} and its XML document. */
final class HeaderXml {
  static final String NAMESPACE = "urn:gapsync:sync-package:1";
  private static final XmlCodec<SyncPackage> CODEC = XmlCodec.of(SyncPackage.class,
      new QName(NAMESPACE, "syncPackage"), "sync-package.xsd");
  private static final String DOCUMENT = "sync/package.xml";

  private HeaderXml() {}

  static byte[] write(PackageHeader header) throws PackageFormatException {
    SyncPackage xml = new SyncPackage();
    xml.setFormatVersion(XmlCodec.PACKAGE_FORMAT_VERSION);
    xml.setPackageId(header.packageId().value());
    xml.setSourcePlatform(header.sourcePlatform());
    xml.setDestination(header.destination());
    org.gapsync.format.xml.syncpackage.TemplateRef template =
        new org.gapsync.format.xml.syncpackage.TemplateRef();
    template.setId(header.template().id());
    template.setVersion(BigInteger.valueOf(header.template().version()));
    xml.setTemplate(template);
    xml.setSequence(BigInteger.valueOf(header.sequence()));
    header.previousPackageId().ifPresent(p -> xml.setPreviousPackageId(p.value()));
    xml.setCreated(CommonXml.toXml(header.created()));
    xml.setOperator(header.operator());
    SyncPackage.Records records = new SyncPackage.Records();
    header.records().forEach(r -> records.getRecord().add(toXml(r)));
    xml.setRecords(records);
    return CODEC.write(xml);
  }

  private static org.gapsync.format.xml.syncpackage.RecordChange toXml(RecordChange record) {
    org.gapsync.format.xml.syncpackage.RecordChange xml =
        new org.gapsync.format.xml.syncpackage.RecordChange();
    xml.setArchivalId(record.archivalId());
    xml.setChange(org.gapsync.format.xml.common.ChangeKind.fromValue(
        record.change().name().toLowerCase(Locale.ROOT)));
    xml.setVersion(BigInteger.valueOf(record.version()));
    xml.setFolder(record.folder());
    record.files().forEach(f -> xml.getFile().add(CommonXml.toXml(f)));
    for (PackagePath p : record.removed()) {
      RemovedFile removed = new RemovedFile();
      removed.setPath(p.value());
      xml.getRemoved().add(removed);
    }
    return xml;
  }

  static PackageHeader read(XmlCodec.Source source) throws IOException {
    SyncPackage xml = CODEC.read(DOCUMENT, source);
    try {
      List<RecordChange> records = new ArrayList<>();
      for (org.gapsync.format.xml.syncpackage.RecordChange r : xml.getRecords().getRecord()) {
        records.add(fromXml(r));
      }
      return new PackageHeader(PackageId.of(xml.getPackageId()), xml.getSourcePlatform(),
          xml.getDestination(), new TemplateRef(xml.getTemplate().getId(),
              CommonXml.toLong(DOCUMENT, xml.getTemplate().getVersion())),
          CommonXml.toLong(DOCUMENT, xml.getSequence()),
          Optional.ofNullable(xml.getPreviousPackageId()).map(PackageId::of),
          CommonXml.toInstant(DOCUMENT, xml.getCreated()), xml.getOperator(), records);
    } catch (IllegalArgumentException e) {
      throw new PackageFormatException(DOCUMENT + ": " + e.getMessage(), e);
    }
  }

  private static RecordChange fromXml(org.gapsync.format.xml.syncpackage.RecordChange xml)
      throws PackageFormatException {
    List<FileState> files = new ArrayList<>();
    for (org.gapsync.format.xml.common.FileState f : xml.getFile()) {
      files.add(CommonXml.fromXml(DOCUMENT, f));
    }
    List<PackagePath> removed = new ArrayList<>();
    for (RemovedFile r : xml.getRemoved()) {
      removed.add(CommonXml.path(DOCUMENT, r.getPath()));
    }
    return new RecordChange(xml.getArchivalId(),
        ChangeKind.valueOf(xml.getChange().value().toUpperCase(Locale.ROOT)),
        CommonXml.toLong(DOCUMENT, xml.getVersion()), xml.getFolder(), files, removed);
  }
}
