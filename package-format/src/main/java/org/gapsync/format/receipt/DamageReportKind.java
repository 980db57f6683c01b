package org.gapsync.format.receipt;

import java.io.IOException;
import java.util.List;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.BagContents;
import org.gapsync.format.bag.BagInfo;
import org.gapsync.format.bag.DeclaredFile;
import org.gapsync.format.bag.HeaderKind;
import org.gapsync.format.validation.ValidationReport;
import org.gapsync.format.xml.XmlCodec;

/** The damage report as a kind of bag: its header, and a payload of readable reports only. */
public final class DamageReportKind implements HeaderKind<DamageReport> {
  /** The damage report document's path. */
  public static final PackagePath DOCUMENT = new PackagePath("sync/damage-report.xml");
  /** The one instance; it holds no state. */
  public static final DamageReportKind INSTANCE = new DamageReportKind();

  private DamageReportKind() {}

  @Override
  public PackagePath document() {
    return DOCUMENT;
  }

  @Override
  public String displayName() {
    return "damage report";
  }

  @Override
  public DamageReport read(XmlCodec.Source source) throws IOException {
    return DamageReportXml.read(source);
  }

  @Override
  public Iterable<DeclaredFile> declaredPayload(DamageReport header) {
    return List.of();
  }

  @Override
  public String signerId(DamageReport report) {
    return report.targetPlatform();
  }

  @Override
  public void check(DamageReport report, BagContents bag, ValidationReport.Builder out) {
    bag.checkExternalIdentifier(report.reportId().value(), "damage report id", out);
  }

  static BagInfo bagInfo(DamageReport report, String algorithm) {
    return BagInfo.forGapsync(report.reportId().value(), report.verified(),
        "gapsync damage report from " + report.targetPlatform() + " for "
            + report.sourcePlatform() + ", damaged records: " + report.records().size(),
        DOCUMENT, algorithm);
  }
}
