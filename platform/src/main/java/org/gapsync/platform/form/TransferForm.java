package org.gapsync.platform.form;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.gapsync.format.form.FormCode;

/**
 * Every field of the transfer registration form of one package (移交登记表, as the 2012 transfer
 * rules and DA/T 93 lay it out), filled from the ledger: the sender's half always, the
 * receiver's half once its receipt is known; with an annex listing each medium, and the code
 * a machine reads back.
 *
 * @param transferName the name of the transfer (交接工作名称)
 * @param sender the transferring platform and organisation (移交单位)
 * @param receiver the receiving destination, and its platform and organisation once known
 *     (接收单位)
 * @param content the content description: fonds, years, file formats, changes (内容描述)
 * @param records how many records it carries (移交电子档案数量)
 * @param files how many files it carries, if recorded
 * @param bytes how many bytes of payload it carries (移交数据量)
 * @param mediaNumbers the media's first and last numbers (载体起止顺序号)
 * @param mediaKind the media's kind and capacity, or online (载体类型、规格)
 * @param checks the four-property checks, with each side's result
 * @param senderSide who filled in the sender's half, and when
 * @param receiverSide who filled in the receiver's half, and when, once its receipt is known
 * @param annex each medium: its number, what it holds, its digest and size
 * @param code what the form's QR code carries
 */
public record TransferForm(String transferName, String sender, String receiver, String content,
    long records, OptionalLong files, long bytes, String mediaNumbers, String mediaKind,
    List<Check> checks, Side senderSide, Optional<Side> receiverSide, List<Medium> annex,
    FormCode code) {
  /** Checks and copies the parts. */
  public TransferForm {
    Objects.requireNonNull(transferName, "transferName");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(mediaNumbers, "mediaNumbers");
    Objects.requireNonNull(mediaKind, "mediaKind");
    checks = List.copyOf(checks);
    Objects.requireNonNull(senderSide, "senderSide");
    Objects.requireNonNull(receiverSide, "receiverSide");
    annex = List.copyOf(annex);
    Objects.requireNonNull(code, "code");
  }

  /** One of the four properties the form records the check of. */
  public enum Property {
    /** 准确性: the records are what the source holds (authenticity, signed and verified). */
    ACCURACY,
    /** 完整性: nothing missing or changed (integrity). */
    INTEGRITY,
    /** 可用性: the records can be read and used (usability). */
    USABILITY,
    /** 安全性: what travels is protected (security). */
    SECURITY
  }

  /**
   * The check of one property, as each side made it.
   *
   * @param property the property
   * @param sender what the sending side found
   * @param receiver what the receiving side found, once its receipt is known
   */
  public record Check(Property property, String sender, Optional<String> receiver) {
    /** Checks the parts. */
    public Check {
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(receiver, "receiver");
    }
  }

  /**
   * Who filled in one side's half of the form, and when; the reviewer, the dates of signing and
   * the seal are left for people.
   *
   * @param filledBy who filled it in (填表人)
   * @param date when, as people read it
   */
  public record Side(String filledBy, String date) {
    /** Checks the parts. */
    public Side {
      Objects.requireNonNull(filledBy, "filledBy");
      Objects.requireNonNull(date, "date");
    }
  }

  /**
   * One medium of the transfer, as the annex lists it.
   *
   * @param number its number in the transfer, from 1
   * @param contents what it holds: the package or volume, and its records
   * @param digest its tag manifest's digest, the algorithm named, or a dash when unrecorded
   * @param bytes its size
   */
  public record Medium(int number, String contents, String digest, long bytes) {
    /** Checks the parts. */
    public Medium {
      Objects.requireNonNull(contents, "contents");
      Objects.requireNonNull(digest, "digest");
    }
  }
}
