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

/** The gap notice as a kind of bag: its header, and a payload of readable text only. */
public final class GapNoticeKind implements HeaderKind<GapNotice> {
  /** The gap notice document's path. */
  public static final PackagePath DOCUMENT = new PackagePath("sync/gap-notice.xml");
  /** The one instance; it holds no state. */
  public static final GapNoticeKind INSTANCE = new GapNoticeKind();

  private GapNoticeKind() {}

  @Override
  public PackagePath document() {
    return DOCUMENT;
  }

  @Override
  public String displayName() {
    return "gap notice";
  }

  @Override
  public GapNotice read(XmlCodec.Source source) throws IOException {
    return GapNoticeXml.read(source);
  }

  @Override
  public Iterable<DeclaredFile> declaredPayload(GapNotice header) {
    return List.of();
  }

  @Override
  public String signerId(GapNotice notice) {
    return notice.targetPlatform();
  }

  @Override
  public void check(GapNotice notice, BagContents bag, ValidationReport.Builder out) {
    bag.checkExternalIdentifier(notice.noticeId().value(), "gap notice id", out);
  }

  static BagInfo bagInfo(GapNotice notice, String algorithm) {
    return BagInfo.forGapsync(notice.noticeId().value(), notice.issued(),
        "gapsync gap notice from " + notice.targetPlatform() + " for "
            + notice.sourcePlatform() + ": waiting for sequence " + notice.missing().get(0),
        DOCUMENT, algorithm);
  }
}
