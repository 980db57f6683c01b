package org.gapsync.platform.form;

import java.util.Map;

/** The form's words, in each of its languages. */
final class FormLabels {
  private static final Map<String, String[]> LABELS = Map.ofEntries(
      Map.entry("title", new String[] {"电子档案移交登记表",
          "Transfer registration form for electronic records"}),
      Map.entry("number", new String[] {"编号：", "No. "}),
      Map.entry("transferName", new String[] {"交接工作名称", "Name of the transfer"}),
      Map.entry("sender", new String[] {"移交单位", "Transferring unit"}),
      Map.entry("receiver", new String[] {"接收单位", "Receiving unit"}),
      Map.entry("content", new String[] {"内容描述", "Content description"}),
      Map.entry("count", new String[] {"移交电子档案数量", "Electronic records transferred"}),
      Map.entry("countValue", new String[] {"%d 件，%s 个文件", "%d records, %s files"}),
      Map.entry("volume", new String[] {"移交数据量", "Volume of data transferred"}),
      Map.entry("mediaNumbers", new String[] {"载体起止顺序号", "Media numbers, first to last"}),
      Map.entry("mediaKind", new String[] {"载体类型、规格", "Media type and capacity"}),
      Map.entry("check", new String[] {"检验项目", "Check"}),
      Map.entry("senderSide", new String[] {"移交单位", "Transferring unit"}),
      Map.entry("receiverSide", new String[] {"接收单位", "Receiving unit"}),
      Map.entry("ACCURACY", new String[] {"准确性检验", "Accuracy"}),
      Map.entry("INTEGRITY", new String[] {"完整性检验", "Integrity"}),
      Map.entry("USABILITY", new String[] {"可用性检验", "Usability"}),
      Map.entry("SECURITY", new String[] {"安全性检验", "Security"}),
      Map.entry("APPEARANCE", new String[] {"载体外观检验", "Appearance of the media"}),
      Map.entry("tick", new String[] {"□ 合格    □ 不合格", "□ passed    □ failed"}),
      Map.entry("filledBy", new String[] {"填表人：", "Filled in by: "}),
      Map.entry("reviewedBy", new String[] {"审核人：", "Reviewed by: "}),
      Map.entry("date", new String[] {"日期：", "Date: "}),
      Map.entry("seal", new String[] {"单位（印章）", "Unit (seal)"}),
      Map.entry("codeNote", new String[] {
          "二维码载有移交包标识、各载体清单摘要（SHA-256，tagmanifest-sha256.txt）及回执标识；"
              + "以 package-verify --form 核对本表与载体。",
          "The QR code carries the package id, each medium's manifest digest (SHA-256 of "
              + "tagmanifest-sha256.txt) and the receipt id; package-verify --form checks "
              + "this form against the media."}),
      Map.entry("annex", new String[] {"附件：载体清单", "Annex: the media"}),
      Map.entry("mediumNumber", new String[] {"载体编号", "Medium"}),
      Map.entry("contents", new String[] {"内容", "Contents"}),
      Map.entry("digest", new String[] {"清单摘要（SHA-256，tagmanifest-sha256.txt）",
          "Manifest digest (SHA-256 of tagmanifest-sha256.txt)"}),
      Map.entry("size", new String[] {"大小", "Size"}));

  private FormLabels() {}

  /** Returns the word {@code key} in {@code lang}. */
  static String of(FormPdf.Lang lang, String key) {
    String[] words = LABELS.get(key);
    if (words == null) {
      throw new IllegalArgumentException("no such label: " + key);
    }
    return words[lang.ordinal()];
  }
}
