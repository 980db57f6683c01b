package org.gapsync.format.receipt;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.xml.CommonXml;
import org.gapsync.format.xml.XmlCodec;

/** Maps the damage report between {@link DamageReport} and its XML document. */
final class DamageReportXml {
  private static final String NAMESPACE = "urn:gapsync:damage-report:1";
  private static final XmlCodec<org.gapsync.format.xml.damage.DamageReport> CODEC =
      XmlCodec.of(org.gapsync.format.xml.damage.DamageReport.class,
          new QName(NAMESPACE, "damageReport"), "damage-report.xsd");
  private static final String DOCUMENT = DamageReportKind.DOCUMENT.value();

  private DamageReportXml() {}

  static byte[] write(DamageReport report) throws PackageFormatException {
    var xml = new org.gapsync.format.xml.damage.DamageReport();
    xml.setFormatVersion(XmlCodec.PACKAGE_FORMAT_VERSION);
    xml.setReportId(report.reportId().value());
    xml.setSourcePlatform(report.sourcePlatform());
    xml.setTargetPlatform(report.targetPlatform());
    xml.setVerified(CommonXml.toXml(report.verified()));
    xml.setOperator(report.operator());
    xml.setLastSequence(BigInteger.valueOf(report.lastSequence()));
    var records = new org.gapsync.format.xml.damage.DamageReport.Records();
    for (DamagedRecord r : report.records()) {
      var x = new org.gapsync.format.xml.damage.DamagedRecord();
      x.setArchivalId(r.archivalId());
      x.setVersion(BigInteger.valueOf(r.version()));
      x.getDamage().addAll(r.damage());
      r.files().forEach(f -> x.getFile().add(CommonXml.toXml(f)));
      records.getRecord().add(x);
    }
    xml.setRecords(records);
    return CODEC.write(xml);
  }

  static DamageReport read(XmlCodec.Source source) throws IOException {
    var xml = CODEC.read(DOCUMENT, source);
    try {
      List<DamagedRecord> records = new ArrayList<>();
      for (var r : xml.getRecords().getRecord()) {
        List<FileState> files = new ArrayList<>();
        for (var f : r.getFile()) {
          files.add(CommonXml.fromXml(DOCUMENT, f));
        }
        records.add(new DamagedRecord(r.getArchivalId(), CommonXml.toLong(DOCUMENT,
            r.getVersion()), r.getDamage(), files));
      }
      return new DamageReport(PackageId.of(xml.getReportId()), xml.getSourcePlatform(),
          xml.getTargetPlatform(), CommonXml.toInstant(DOCUMENT, xml.getVerified()),
          xml.getOperator(), CommonXml.toLong(DOCUMENT, xml.getLastSequence()), records);
    } catch (IllegalArgumentException e) {
      throw new PackageFormatException(DOCUMENT + ": " + e.getMessage(), e);
    }
  }
}
