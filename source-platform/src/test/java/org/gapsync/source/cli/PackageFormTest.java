package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageId;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerReader;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.PropertyCheck;
import org.gapsync.format.receipt.QualityProperty;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptWriter;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer registration form as the archivist prints it and a machine reads it back: its
 * text through poppler's pdftotext, its QR code through zbar's zbarimg, both installed by the
 * project's setup script.
 */
class PackageFormTest {
  private final SigningKey target = Fixtures.key("reading-room");
  @TempDir
  Path dir;
  private PackageHeader header;
  private Path pkg;

  private SourceCli.Run run(String... args) {
    return SourceCli.run(dir, args);
  }

  @BeforeEach
  void setUp() throws Exception {
    SourceCli.homeWithDestination(dir, "reading-room", "reading-room.xml", target);
    header = SourceCli.build(dir, "reading-room");
    try (var s = Files.list(dir.resolve("media"))) {
      pkg = s.filter(p -> p.getFileName().toString().startsWith(header.packageId().value()))
          .findFirst().orElseThrow();
    }
  }

  /** Returns what a reader of the medium hashes: the package's tag manifest. */
  private String tagManifestDigest() throws IOException {
    try (ContainerReader reader = ContainerReader.open(pkg)) {
      return Digest.of(DigestAlgorithm.SHA256, reader.open(reader.find(
          "tagmanifest-sha256.txt").orElseThrow()).readAllBytes()).hex();
    }
  }

  private static String command(Path dir, String... command) throws Exception {
    // What the tool says of its environment on standard error is not its answer.
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    return out;
  }

  @Test
  void theChineseFormsTextExtractsAsWrittenWithEveryField() throws Exception {
    Path form = dir.resolve("form.pdf");

    SourceCli.Run r = run("package", "form", header.packageId().value(), "--out",
        form.toString());

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("wrote " + form + ": the registration form of "
        + header.packageId() + ", 7 records on 1 medium"), r.out());
    String text = command(dir, "pdftotext", "-layout", form.toString(), "-");
    for (String field : List.of("电子档案移交登记表", "交接工作名称", "移交单位", "接收单位",
        "内容描述", "移交电子档案数量", "移交数据量", "载体起止顺序号", "载体类型、规格",
        "准确性检验", "完整性检验", "可用性检验", "安全性检验", "载体外观检验", "填表人",
        "审核人", "单位（印章）", "附件：载体清单")) {
      assertTrue(text.contains(field), field + " in:\n" + text);
    }
    assertTrue(text.contains(header.packageId().value()), text);
    assertTrue(text.contains("7 件"), text);
    assertTrue(text.contains("全宗：F001"), text);
    assertTrue(text.contains(tagManifestDigest()), "the annex names the manifest digest:\n"
        + text);
    assertTrue(text.contains("移动硬盘或U盘"), text);
  }

  @Test
  void itsQrCodeCarriesThePackageAndTheDigestOfWhatIsOnTheMedium() throws Exception {
    Path form = dir.resolve("form.pdf");
    assertEquals(0, run("package", "form", header.packageId().value(), "--out",
        form.toString(), "--lang", "en").code());
    Path png = dir.resolve("form.png");
    try (PDDocument doc = Loader.loadPDF(form.toFile())) {
      BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 200, ImageType.GRAY);
      ImageIO.write(page, "png", png.toFile());
    }

    String scanned = command(dir, "zbarimg", "--quiet", "--raw", png.toString());

    assertEquals("gapsync-form/1\npackage " + header.packageId() + "\nmanifest 1 sha256:"
        + tagManifestDigest() + "\n", scanned);
    String text = command(dir, "pdftotext", form.toString(), "-");
    assertTrue(text.contains("Transfer registration form for electronic records"), text);
    assertTrue(text.contains("Appearance of the media"), text);
  }

  /** A receipt for the package in which every record was applied, with the target's checks. */
  private Path receipt() throws Exception {
    return receipt(header.packageId());
  }

  /** A receipt as {@link #receipt()}, but saying it answers package {@code answered}. */
  private Path receipt(PackageId answered) throws Exception {
    List<RecordResult> results = header.records().stream().map(r -> new RecordResult(
        r.archivalId(), r.version(), RecordOutcome.APPLIED, Optional.empty(), r.files()))
        .toList();
    List<PropertyCheck> checks = List.of(
        new PropertyCheck(QualityProperty.AUTHENTICITY, true, "signed by archive-lan"),
        new PropertyCheck(QualityProperty.INTEGRITY, true, "7 records, every file whole"),
        new PropertyCheck(QualityProperty.USABILITY, true, "every metadata.xml parses"),
        new PropertyCheck(QualityProperty.SECURITY, true, "not encrypted, as its template"));
    return new ReceiptWriter(new PackageSigner(target, Fixtures.CLOCK), ContainerFormat.TAR,
        ContainerWriter.Options.DEFAULT).write(new Receipt(answered.receipt(),
            answered, header.sourcePlatform(), header.destination(),
            header.sequence(), Fixtures.NOW, "zhao.min", PackageOutcome.ACCEPTED, List.of(),
            checks, results), Map.of(), Files.createDirectories(dir.resolve("receipts")));
  }

  @Test
  void theReceiptFillsInTheReceivingSidesHalfAndItsIdInTheCode() throws Exception {
    Path form = dir.resolve("form.pdf");

    SourceCli.Run r = run("package", "form", header.packageId().value(), "--out",
        form.toString(), "--receipt", receipt().toString());

    assertEquals(0, r.code(), r.err());
    String text = command(dir, "pdftotext", form.toString(), "-");
    assertTrue(text.contains("填表人：zhao.min"), text);
    assertTrue(text.contains("合格：7 records, every file whole"), text);
    assertTrue(text.contains("回执 " + header.packageId().receipt()), text);
    Path png = dir.resolve("form.png");
    try (PDDocument doc = Loader.loadPDF(form.toFile())) {
      ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 200, ImageType.GRAY), "png",
          png.toFile());
    }
    assertTrue(command(dir, "zbarimg", "--quiet", "--raw", png.toString()).endsWith(
        "\nreceipt " + header.packageId().receipt() + "\n"));
  }

  @Test
  void aReceiptOfAnotherPackageIsRefused() throws Exception {
    PackageId other = PackageId.of("archive-lan-reading-room-000002");
    Path theirs = receipt(other);

    SourceCli.Run r = run("package", "form", header.packageId().value(), "--out",
        dir.resolve("f.pdf").toString(), "--receipt", theirs.toString());

    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("answers package " + other + " from reading-room, not "
        + header.packageId()), r.err());
    assertFalse(Files.exists(dir.resolve("f.pdf")));
  }

  @Test
  void refusesAnUnknownPackageAndAFileThatExists() throws Exception {
    SourceCli.Run unknown = run("package", "form", "archive-lan-reading-room-000009", "--out",
        dir.resolve("f.pdf").toString());
    assertEquals(ExitCodes.USAGE, unknown.code());
    assertTrue(unknown.err().contains("the ledger knows no package "
        + "archive-lan-reading-room-000009"), unknown.err());
    assertFalse(Files.exists(dir.resolve("f.pdf")));

    Path earlier = Files.writeString(dir.resolve("earlier.pdf"), "kept");
    SourceCli.Run again = run("package", "form", header.packageId().value(), "--out",
        earlier.toString());
    assertEquals(ExitCodes.USAGE, again.code());
    assertEquals("kept", Files.readString(earlier));
  }

  @Test
  void aFontThatIsNotThereIsAnEnvironmentError() {
    SourceCli.Run r = run("package", "form", header.packageId().value(), "--out",
        dir.resolve("f.pdf").toString(), "--font", dir.resolve("none.ttf").toString());

    assertEquals(ExitCodes.IO, r.code());
    assertTrue(r.err().contains("the form's font does not exist"), r.err());
  }
}
