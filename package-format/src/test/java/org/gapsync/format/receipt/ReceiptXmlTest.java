package org.gapsync.format.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.validation.Finding;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.format.xml.DocumentCopy;
import org.junit.jupiter.api.Test;

/** The receipt's document, written and read a record at a time. */
class ReceiptXmlTest {
  private static Receipt receipt(int records) {
    List<RecordResult> results = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      String id = String.format("A-%06d", i);
      results.add(new RecordResult(id, 1 + i % 3, i % 7 == 0 ? RecordOutcome.REJECTED
          : RecordOutcome.APPLIED, i % 7 == 0 ? Optional.of("not held & <here>")
          : Optional.empty(), i % 7 == 0 ? List.of() : List.of(
              file("metadata.xml", id), file("scans/第" + i + "页.txt", id + "/page"))));
    }
    return Receipt.answering(PackageId.of("archive-lan-backup-000004"), "archive-lan", 4)
        .by("backup", Instant.parse("2026-12-01T10:00:00Z"), "operator")
        .outcome(PackageOutcome.ACCEPTED)
        .findings(List.of(new Finding(FindingCode.FILE_MISSING, "data/x", "gone"),
            new Finding(FindingCode.SIGNATURE_INVALID, "", "no path")))
        .checks(List.of(new PropertyCheck(QualityProperty.INTEGRITY, false, "1 file missing")))
        .records(results).build();
  }

  private static FileState file(String path, String content) {
    return new FileState(new PackagePath(path), content.length(), Digest.of(
        DigestAlgorithm.SHA256, content.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aReceiptTooLargeToKeepInMemoryReadsBackRecordForRecordEachTimeItIsWalked()
      throws Exception {
    Receipt written = receipt(20_000);
    byte[] xml = ReceiptXml.write(written);
    assertTrue(xml.length > DocumentCopy.IN_MEMORY, "the test's receipt must be spilled");

    Receipt read = ReceiptXml.read(() -> new ByteArrayInputStream(xml));

    assertEquals(20_000, read.records().size());
    assertEquals(written.records(), read.records());
    assertEquals(written.records().get(19_999), read.records().stream().reduce((a, b) -> b)
        .orElseThrow());
    assertEquals(written.findings(), read.findings());
    assertEquals(written.checks(), read.checks());
    assertEquals(written.toBuilder().records(List.of()).build(),
        read.toBuilder().records(List.of()).build());
  }

  @Test
  void aRecordListedTwiceIsRefused() throws Exception {
    String xml = new String(ReceiptXml.write(receipt(3)), StandardCharsets.UTF_8)
        .replace("A-000002", "A-000001");

    PackageFormatException e = assertThrows(PackageFormatException.class, () -> ReceiptXml
        .read(() -> new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));

    assertEquals("sync/receipt.xml: record listed twice: A-000001", e.getMessage());
  }
}
