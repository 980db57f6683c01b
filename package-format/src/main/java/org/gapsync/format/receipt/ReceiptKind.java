package org.gapsync.format.receipt;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.BagContents;
import org.gapsync.format.bag.BagInfo;
import org.gapsync.format.bag.BagLayout;
import org.gapsync.format.bag.HeaderKind;
import org.gapsync.format.validation.FindingCode;
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
  public Map<PackagePath, Long> declaredPayload(Receipt header) {
    return Map.of();
  }

  @Override
  public void check(Receipt receipt, BagContents bag, ValidationReport.Builder out) {
    bag.info().flatMap(i -> i.get("External-Identifier"))
        .filter(id -> !id.equals(receipt.receiptId().value()))
        .ifPresent(id -> out.add(FindingCode.HEADER_MISMATCH, BagLayout.BAG_INFO.value(),
            "External-Identifier " + id + " != receipt id " + receipt.receiptId()));
  }

  static BagInfo bagInfo(Receipt receipt, String algorithm) {
    return new BagInfo(List.of(
        new BagInfo.Element("Bag-Software-Agent", "gapsync"),
        new BagInfo.Element("Bagging-Date", receipt.imported().toString().substring(0, 10)),
        new BagInfo.Element("External-Identifier", receipt.receiptId().value()),
        new BagInfo.Element("External-Description", "gapsync receipt from "
            + receipt.targetPlatform() + " for package " + receipt.packageId() + ": "
            + receipt.outcome().name().toLowerCase(java.util.Locale.ROOT)),
        new BagInfo.Element("Bag-Group-Identifier", receipt.receiptId().value()),
        new BagInfo.Element("Bag-Count", "1 of 1"),
        new BagInfo.Element("Gapsync-Header", DOCUMENT.value()),
        new BagInfo.Element("Gapsync-Signature", BagLayout.SIGNATURE.value() + "; "
            + algorithm)));
  }
}
