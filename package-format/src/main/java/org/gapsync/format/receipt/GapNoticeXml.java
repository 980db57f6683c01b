package org.gapsync.format.receipt;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.xml.CommonXml;
import org.gapsync.format.xml.XmlCodec;

/** Maps the gap notice between {@link GapNotice} and its XML document. */
final class GapNoticeXml {
  private static final String NAMESPACE = "urn:gapsync:gap-notice:1";
  private static final XmlCodec<org.gapsync.format.xml.gap.GapNotice> CODEC =
      XmlCodec.of(org.gapsync.format.xml.gap.GapNotice.class,
          new QName(NAMESPACE, "gapNotice"), "gap-notice.xsd");
  private static final String DOCUMENT = GapNoticeKind.DOCUMENT.value();

  private GapNoticeXml() {}

  static byte[] write(GapNotice notice) throws PackageFormatException {
    var xml = new org.gapsync.format.xml.gap.GapNotice();
    xml.setFormatVersion(XmlCodec.PACKAGE_FORMAT_VERSION);
    xml.setNoticeId(notice.noticeId().value());
    xml.setSourcePlatform(notice.sourcePlatform());
    xml.setTargetPlatform(notice.targetPlatform());
    xml.setIssued(CommonXml.toXml(notice.issued()));
    xml.setOperator(notice.operator());
    xml.setLastSequence(BigInteger.valueOf(notice.lastSequence()));
    notice.missing().forEach(m -> xml.getMissing().add(BigInteger.valueOf(m)));
    for (GapNotice.Held h : notice.held()) {
      var x = new org.gapsync.format.xml.gap.HeldPackage();
      x.setSequence(BigInteger.valueOf(h.sequence()));
      x.setValue(h.packageId().value());
      xml.getHeld().add(x);
    }
    return CODEC.write(xml);
  }

  static GapNotice read(XmlCodec.Source source) throws IOException {
    var xml = CODEC.read(DOCUMENT, source);
    try {
      List<Long> missing = new ArrayList<>();
      for (BigInteger m : xml.getMissing()) {
        missing.add(CommonXml.toLong(DOCUMENT, m));
      }
      List<GapNotice.Held> held = new ArrayList<>();
      for (var h : xml.getHeld()) {
        held.add(new GapNotice.Held(CommonXml.toLong(DOCUMENT, h.getSequence()),
            PackageId.of(h.getValue())));
      }
      return new GapNotice(PackageId.of(xml.getNoticeId()), xml.getSourcePlatform(),
          xml.getTargetPlatform(), CommonXml.toInstant(DOCUMENT, xml.getIssued()),
          xml.getOperator(), CommonXml.toLong(DOCUMENT, xml.getLastSequence()), missing, held);
    } catch (IllegalArgumentException e) {
      throw new PackageFormatException(DOCUMENT + ": " + e.getMessage(), e);
    }
  }
}
