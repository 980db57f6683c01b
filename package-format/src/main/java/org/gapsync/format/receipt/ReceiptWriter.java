package org.gapsync.format.receipt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.BagInfo;
import org.gapsync.format.bag.BagWriter;
import org.gapsync.format.bag.PayloadSource;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.signature.PackageSigner;

/**
 * Writes a signed receipt bag, named by its receipt id, or a signed damage report, named by its
 * report id, with optional readable reports in its payload.
 *
 * <pre>{@code
 * Path written = new ReceiptWriter(signer, ContainerFormat.DIRECTORY, Options.DEFAULT)
 *     .write(receipt, Map.of(), receiptsDir);
 * }</pre>
 */
public final class ReceiptWriter {
  private final PackageSigner signer;
  private final ContainerFormat format;
  private final ContainerWriter.Options options;

  /** Creates a writer of {@code format} receipts signed by {@code signer}. */
  public ReceiptWriter(PackageSigner signer, ContainerFormat format,
      ContainerWriter.Options options) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.format = Objects.requireNonNull(format, "format");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Writes {@code receipt} into {@code directory}, with each of {@code reports} (file name to
   * content) under {@code data/}, and returns where it now is.
   */
  public Path write(Receipt receipt, Map<String, PayloadSource> reports, Path directory)
      throws IOException {
    return write(receipt.receiptId().value(), reports, directory, bag -> {
      try (java.io.OutputStream out = bag.newTagFile(ReceiptKind.DOCUMENT)) {
        ReceiptXml.write(receipt, out);
      }
      return ReceiptKind.bagInfo(receipt, signer.profile().jcaName());
    });
  }

  /**
   * Writes the damage report {@code report} into {@code directory}, with each of
   * {@code reports} (file name to content) under {@code data/}, and returns where it now is.
   */
  public Path write(DamageReport report, Map<String, PayloadSource> reports, Path directory)
      throws IOException {
    return write(report.reportId().value(), reports, directory, bag -> {
      bag.addTagFile(DamageReportKind.DOCUMENT, DamageReportXml.write(report));
      return DamageReportKind.bagInfo(report, signer.profile().jcaName());
    });
  }

  /**
   * Writes the gap notice {@code notice} into {@code directory}, with each of {@code reports}
   * (file name to content) under {@code data/}, and returns where it now is.
   */
  public Path write(GapNotice notice, Map<String, PayloadSource> reports, Path directory)
      throws IOException {
    return write(notice.noticeId().value(), reports, directory, bag -> {
      bag.addTagFile(GapNoticeKind.DOCUMENT, GapNoticeXml.write(notice));
      return GapNoticeKind.bagInfo(notice, signer.profile().jcaName());
    });
  }

  /** Adds the header document to a bag and returns its {@code bag-info.txt}. */
  @FunctionalInterface
  private interface Header {
    BagInfo addTo(BagWriter bag) throws IOException;
  }

  private Path write(String name, Map<String, PayloadSource> reports, Path directory,
      Header header)
      throws IOException {
    try (BagWriter bag = new BagWriter(ContainerWriter.create(format, directory, name, options),
        signer)) {
      for (Map.Entry<String, PayloadSource> report
          : new java.util.TreeMap<>(reports).entrySet()) {
        bag.addPayload(PackagePath.parse("data/" + report.getKey()),
            report.getValue(), Optional.empty());
      }
      return bag.finish(header.addTo(bag));
    }
  }
}
