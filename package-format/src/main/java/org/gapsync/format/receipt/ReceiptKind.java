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

/** The receipt as a kind of bag: its header, and a payload of readable reports only. */
public final class ReceiptKind implements HeaderKind<Receipt> {
  /** The receipt document's path. */
  public static final PackagePath DOCUMENT = new PackagePath("sync/receipt.xml");
  /** The one instance; it holds no state. */
  public static final ReceiptKind INSTANCE = new ReceiptKind();

  private ReceiptKind() {}

  @Override
  public PackagePath document() {
    return DOCUMENT;
  }

  @Override
  public String displayName() {
    return "sync receipt";
  }

  @Override
  public Receipt read(XmlCodec.Source source) throws IOException {
    return ReceiptXml.read(source);
  }

  @Override
  public Iterable<DeclaredFile> declaredPayload(Receipt header) {
    return List.of();
  }

  @Override
  public String signerId(Receipt receipt) {
    return receipt.targetPlatform();
  }

  @Override
  public void check(Receipt receipt, BagContents bag, ValidationReport.Builder out) {
    bag.checkExternalIdentifier(receipt.receiptId().value(), "receipt id", out);
  }

  static BagInfo bagInfo(Receipt receipt, String algorithm) {
    return BagInfo.forGapsync(receipt.receiptId().value(), receipt.imported(),
        "gapsync receipt from " + receipt.targetPlatform() + " for package "
            + receipt.packageId() + ": "
            + receipt.outcome().name().toLowerCase(java.util.Locale.ROOT), DOCUMENT, algorithm);
  }
}
