package org.gapsync.format.receipt;

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
import org.gapsync.format.validation.Finding;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.format.xml.CommonXml;
import org.gapsync.format.xml.XmlCodec;
import org.gapsync.format.xml.receipt.Check;
import org.gapsync.format.xml.receipt.CheckOutcome;
import org.gapsync.format.xml.receipt.Property;
import org.gapsync.format.xml.receipt.SyncReceipt;

/** Maps the receipt between {@link Receipt} and its XML document. */
final class ReceiptXml {
  static final String NAMESPACE = "urn:gapsync:sync-receipt:1";
  private static final XmlCodec<SyncReceipt> CODEC = XmlCodec.of(SyncReceipt.class,
      new QName(NAMESPACE, "syncReceipt"), "sync-receipt.xsd");
  private static final String DOCUMENT = "sync/receipt.xml";

  private ReceiptXml() {}

  static byte[] write(Receipt receipt) throws PackageFormatException {
    SyncReceipt xml = new SyncReceipt();
    xml.setFormatVersion(XmlCodec.PACKAGE_FORMAT_VERSION);
    xml.setReceiptId(receipt.receiptId().value());
    xml.setPackageId(receipt.packageId().value());
    xml.setSourcePlatform(receipt.sourcePlatform());
    xml.setTargetPlatform(receipt.targetPlatform());
    xml.setSequence(BigInteger.valueOf(receipt.sequence()));
    xml.setImported(CommonXml.toXml(receipt.imported()));
    xml.setOperator(receipt.operator());
    xml.setPackageOutcome(org.gapsync.format.xml.receipt.PackageOutcome.fromValue(
        token(receipt.outcome())));
    SyncReceipt.Findings findings = new SyncReceipt.Findings();
    for (Finding f : receipt.findings()) {
      org.gapsync.format.xml.receipt.Finding x = new org.gapsync.format.xml.receipt.Finding();
      x.setCode(f.code().name());
      x.setPath(f.path().isEmpty() ? null : f.path());
      x.setValue(f.message());
      findings.getFinding().add(x);
    }
    xml.setFindings(findings);
    if (!receipt.checks().isEmpty()) {
      SyncReceipt.Checks checks = new SyncReceipt.Checks();
      for (PropertyCheck c : receipt.checks()) {
        Check x = new Check();
        x.setProperty(Property.fromValue(token(c.property())));
        x.setOutcome(c.isPassed() ? CheckOutcome.PASSED : CheckOutcome.FAILED);
        x.setValue(c.detail());
        checks.getCheck().add(x);
      }
      xml.setChecks(checks);
    }
    SyncReceipt.Records records = new SyncReceipt.Records();
    receipt.records().forEach(r -> records.getRecord().add(toXml(r)));
    xml.setRecords(records);
    return CODEC.write(xml);
  }

  private static org.gapsync.format.xml.receipt.RecordResult toXml(RecordResult r) {
    org.gapsync.format.xml.receipt.RecordResult x =
        new org.gapsync.format.xml.receipt.RecordResult();
    x.setArchivalId(r.archivalId());
    x.setVersion(BigInteger.valueOf(r.version()));
    x.setOutcome(org.gapsync.format.xml.receipt.RecordOutcome.fromValue(token(r.outcome())));
    r.reason().ifPresent(x::setReason);
    r.files().forEach(f -> x.getFile().add(CommonXml.toXml(f)));
    return x;
  }

  static Receipt read(XmlCodec.Source source) throws IOException {
    SyncReceipt xml = CODEC.read(DOCUMENT, source);
    try {
      List<Finding> findings = new ArrayList<>();
      for (org.gapsync.format.xml.receipt.Finding f : xml.getFindings().getFinding()) {
        findings.add(new Finding(FindingCode.valueOf(f.getCode()),
            Optional.ofNullable(f.getPath()).orElse(""), f.getValue()));
      }
      List<PropertyCheck> checks = new ArrayList<>();
      if (xml.getChecks() != null) {
        for (Check c : xml.getChecks().getCheck()) {
          checks.add(new PropertyCheck(constant(QualityProperty.class, c.getProperty().value()),
              c.getOutcome() == CheckOutcome.PASSED, c.getValue()));
        }
      }
      List<RecordResult> records = new ArrayList<>();
      for (org.gapsync.format.xml.receipt.RecordResult r : xml.getRecords().getRecord()) {
        records.add(fromXml(r));
      }
      return new Receipt(PackageId.of(xml.getReceiptId()), PackageId.of(xml.getPackageId()),
          xml.getSourcePlatform(), xml.getTargetPlatform(),
          CommonXml.toLong(DOCUMENT, xml.getSequence()),
          CommonXml.toInstant(DOCUMENT, xml.getImported()), xml.getOperator(),
          constant(PackageOutcome.class, xml.getPackageOutcome().value()), findings, checks,
          records);
    } catch (IllegalArgumentException e) {
      throw new PackageFormatException(DOCUMENT + ": " + e.getMessage(), e);
    }
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
