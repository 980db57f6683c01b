package org.gapsync.platform.form;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.gapsync.format.form.FormCode;
import org.gapsync.platform.media.MissingToolException;

/**
 * Writes a {@link TransferForm} as a PDF to print, sign and seal: A4, the form's fields in a
 * table, the four-property checks with a column per side (the media's appearance left to tick),
 * each side's block for who filled it in, who reviewed it, the dates and the seal, the QR code
 * of its {@link FormCode}, and an annex listing each medium. Chinese text is set in an embedded
 * TrueType font (a subset of it, with its Unicode map, so that the text extracts as written).
 *
 * <pre>{@code
 * new FormPdf(FormPdf.Lang.zh, FormPdf.font(Optional.empty())).write(form, out);
 * }</pre>
 */
public final class FormPdf {
  /**
   * The font Debian's fonts-wqy-microhei installs: TrueType outlines (which PDFBox embeds) with
   * Chinese and Latin glyphs, in a collection of one face.
   */
  public static final Path DEFAULT_FONT =
      Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

  /** The form's language. */
  public enum Lang {
    /** Chinese, as the transfer rules write the form. */
    zh,
    /** English. */
    en
  }

  private static final float MARGIN = 48;
  private static final float SIZE = 10;
  private static final float LEADING = 14;
  private static final float LABEL = 130;
  private static final float QR = 96;
  // Half a millimetre, in points.
  private static final float SMALLEST_MODULE = 1.42f;

  private final Lang lang;
  private final Path font;

  /**
   * Creates a writer of forms in {@code lang}, set in the TrueType font {@code font} (a
   * {@code .ttf}, or the first face of a {@code .ttc} collection).
   */
  public FormPdf(Lang lang, Path font) {
    this.lang = Objects.requireNonNull(lang, "lang");
    this.font = Objects.requireNonNull(font, "font");
  }

  /**
   * Returns the font to set forms in: {@code chosen} if given, else {@link #DEFAULT_FONT}.
   *
   * @throws MissingToolException if the default font is not installed
   * @throws java.nio.file.NoSuchFileException if the chosen font does not exist
   */
  public static Path font(java.util.Optional<Path> chosen) throws IOException {
    if (chosen.isPresent()) {
      if (!Files.isRegularFile(chosen.get())) {
        throw new java.nio.file.NoSuchFileException(chosen.get().toString(), null,
            "the form's font does not exist");
      }
      return chosen.get();
    }
    if (!Files.isRegularFile(DEFAULT_FONT)) {
      throw new MissingToolException("the font " + DEFAULT_FONT.getFileName(),
          "fonts-wqy-microhei", "a registration form, whose Chinese text it sets,");
    }
    return DEFAULT_FONT;
  }

  /** Writes {@code form} as a PDF to {@code out}. */
  public void write(TransferForm form, OutputStream out) throws IOException {
    boolean isCollection = font.getFileName().toString().toLowerCase(Locale.ROOT)
        .endsWith(".ttc");
    // A collection stays open while the document is saved: the subset is made then.
    try (PDDocument doc = new PDDocument();
        TrueTypeCollection collection = isCollection ? new TrueTypeCollection(font.toFile())
            : null) {
      PDType0Font type0 = collection == null ? PDType0Font.load(doc, font.toFile())
          : PDType0Font.load(doc, first(collection, font), true);
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(label("title") + " " + form.code().packageId().value());
      info.setSubject(form.code().toText());
      info.setCreator("gapsync");
      Sheet sheet = new Sheet(doc, type0);
      try {
        front(sheet, form);
        annex(sheet, form);
      } finally {
        sheet.close();
      }
      doc.save(out);
    }
  }

  private static TrueTypeFont first(TrueTypeCollection collection, Path file)
      throws IOException {
    TrueTypeFont[] first = {null};
    collection.processAllFonts(f -> {
      if (first[0] == null) {
        first[0] = f;
      }
    });
    if (first[0] == null) {
      throw new IOException(file + " holds no font");
    }
    return first[0];
  }

  private void front(Sheet s, TransferForm f) throws IOException {
    BitMatrix code = qr(f.code().toText());
    // A dense code (a set of many volumes) is drawn larger: no module under half a millimetre,
    // which print, scanners and phones all resolve.
    float side = Math.max(QR, code.getWidth() * SMALLEST_MODULE);
    draw(s, code, PDRectangle.A4.getWidth() - MARGIN - side, s.y - side + 8, side);
    s.text(label("title"), MARGIN, s.y, 16);
    s.y -= 22;
    s.text(label("number") + f.code().packageId().value(), MARGIN, s.y, 9);
    s.y -= side - 16;
    float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    s.row(List.of(label("transferName"), f.transferName()), List.of(LABEL, width - LABEL));
    s.row(List.of(label("sender"), f.sender()), List.of(LABEL, width - LABEL));
    s.row(List.of(label("receiver"), f.receiver()), List.of(LABEL, width - LABEL));
    s.row(List.of(label("content"), f.content()), List.of(LABEL, width - LABEL));
    s.row(List.of(label("count"), String.format(Locale.ROOT, label("countValue"), f.records(),
        f.files().isPresent() ? Long.toString(f.files().getAsLong()) : "—")),
        List.of(LABEL, width - LABEL));
    s.row(List.of(label("volume"), String.format(Locale.ROOT, "%.3f GB", f.bytes() / 1e9)),
        List.of(LABEL, width - LABEL));
    s.row(List.of(label("mediaNumbers"), f.mediaNumbers()), List.of(LABEL, width - LABEL));
    s.row(List.of(label("mediaKind"), f.mediaKind()), List.of(LABEL, width - LABEL));
    s.y -= 10;
    List<Float> three = List.of(LABEL, (width - LABEL) / 2, (width - LABEL) / 2);
    s.row(List.of(label("check"), label("senderSide"), label("receiverSide")), three);
    for (TransferForm.Check c : f.checks()) {
      s.row(List.of(label(c.property().name()), c.sender(), c.receiver().orElse("")), three);
    }
    s.row(List.of(label("APPEARANCE"), label("tick"), label("tick")), three);
    s.y -= 10;
    float half = width / 2;
    List<Float> two = List.of(half, half);
    s.row(List.of(label("senderSide"), label("receiverSide")), two);
    s.row(List.of(label("filledBy") + f.senderSide().filledBy() + "    " + label("date")
        + f.senderSide().date(), f.receiverSide().map(r -> label("filledBy") + r.filledBy()
            + "    " + label("date") + r.date()).orElse(label("filledBy") + "    "
                + label("date"))), two);
    s.row(List.of(label("reviewedBy") + "            " + label("date"), label("reviewedBy")
        + "            " + label("date")), two);
    s.box(List.of(label("seal"), label("seal")), two, 70);
    s.y -= 8;
    s.wrapped(label("codeNote"), MARGIN, width, 8);
  }

  private void annex(Sheet s, TransferForm f) throws IOException {
    s.newPage();
    s.text(label("annex"), MARGIN, s.y, 14);
    s.y -= 24;
    float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    // The digest on a line of its own, the whole width: never broken across lines.
    List<Float> cols = List.of(60f, width - 60 - 100, 100f);
    List<Float> whole = List.of(width);
    s.row(List.of(label("mediumNumber"), label("contents"), label("size")), cols);
    s.row(List.of(label("digest")), whole);
    for (TransferForm.Medium m : f.annex()) {
      s.row(List.of(Integer.toString(m.number()), m.contents(), String.format(Locale.ROOT,
          "%,d B", m.bytes())), cols);
      s.row(List.of(m.digest()), whole);
    }
  }

  private static BitMatrix qr(String text) throws IOException {
    try {
      return new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
              EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 4));
    } catch (WriterException e) {
      throw new IOException("the form's code does not fit a QR code: " + e.getMessage(), e);
    }
  }

  private static void draw(Sheet s, BitMatrix m, float x, float y, float side)
      throws IOException {
    float module = side / m.getWidth();
    for (int row = 0; row < m.getHeight(); row++) {
      for (int col = 0; col < m.getWidth(); col++) {
        if (m.get(col, row)) {
          s.out.addRect(x + col * module, y + side - (row + 1) * module, module, module);
        }
      }
    }
    s.out.fill();
  }

  private String label(String key) {
    return FormLabels.of(lang, key);
  }

  /** The page being written, its content stream and where the next line goes. */
  private static final class Sheet implements AutoCloseable {
    private final PDDocument doc;
    private final PDType0Font font;
    private PDPageContentStream out;
    private float y;

    Sheet(PDDocument doc, PDType0Font font) throws IOException {
      this.doc = doc;
      this.font = font;
      newPage();
    }

    void newPage() throws IOException {
      if (out != null) {
        out.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      out = new PDPageContentStream(doc, page);
      out.setLineWidth(0.6f);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    void text(String s, float x, float baseline, float size) throws IOException {
      out.beginText();
      out.setFont(font, size);
      out.newLineAtOffset(x, baseline);
      out.showText(s);
      out.endText();
    }

    void wrapped(String s, float x, float width, float size) throws IOException {
      for (String line : lines(s, width, size)) {
        text(line, x, y - size, size);
        y -= size + 3;
      }
    }

    /** Writes a row of cells of {@code widths}, each wrapped, framed, as high as its tallest. */
    void row(List<String> cells, List<Float> widths) throws IOException {
      List<List<String>> wrapped = new ArrayList<>();
      int height = 1;
      for (int i = 0; i < cells.size(); i++) {
        wrapped.add(lines(cells.get(i), widths.get(i) - 8, SIZE));
        height = Math.max(height, wrapped.get(i).size());
      }
      float h = height * LEADING + 6;
      if (y - h < MARGIN) {
        newPage();
      }
      float x = MARGIN;
      for (int i = 0; i < cells.size(); i++) {
        out.addRect(x, y - h, widths.get(i), h);
        float line = y - 4 - SIZE;
        for (String l : wrapped.get(i)) {
          text(l, x + 4, line, SIZE);
          line -= LEADING;
        }
        x += widths.get(i);
      }
      out.stroke();
      y -= h;
    }

    /** Writes a row of framed empty boxes {@code height} high, each with its caption. */
    void box(List<String> captions, List<Float> widths, float height) throws IOException {
      if (y - height < MARGIN) {
        newPage();
      }
      float x = MARGIN;
      for (int i = 0; i < captions.size(); i++) {
        out.addRect(x, y - height, widths.get(i), height);
        text(captions.get(i), x + 4, y - 4 - SIZE, SIZE);
        x += widths.get(i);
      }
      out.stroke();
      y -= height;
    }

    /** Breaks {@code s} into lines of at most {@code width}, at spaces where it can. */
    List<String> lines(String s, float width, float size) throws IOException {
      List<String> lines = new ArrayList<>();
      for (String paragraph : s.split("\n", -1)) {
        StringBuilder line = new StringBuilder();
        int lastSpace = -1;
        for (int i = 0; i < paragraph.length(); ) {
          int c = paragraph.codePointAt(i);
          line.appendCodePoint(c);
          i += Character.charCount(c);
          if (c == ' ') {
            lastSpace = line.length() - 1;
          }
          if (font.getStringWidth(line.toString()) / 1000 * size > width) {
            int cut = lastSpace > 0 ? lastSpace + 1 : line.length() - Character.charCount(c);
            lines.add(line.substring(0, cut).stripTrailing());
            line.delete(0, cut);
            lastSpace = line.indexOf(" ");
          }
        }
        lines.add(line.toString());
      }
      return lines;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
