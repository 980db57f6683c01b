package org.gapsync.verify;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.form.FormCode;

/**
 * Reads the code of a registration form as a scanner would: the form's first page drawn as an
 * image, its QR code found and decoded there, not its text or metadata taken on trust.
 */
final class FormReader {
  private static final float[] DPIS = {300, 200};

  private FormReader() {}

  /**
   * Returns the code on the first page of the PDF {@code form}.
   *
   * @throws PackageFormatException if it is not a PDF, has no QR code, or the code is not a
   *     registration form's
   */
  static FormCode read(Path form) throws IOException {
    String text = null;
    ReaderException unread = null;
    try (PDDocument doc = Loader.loadPDF(form.toFile())) {
      if (doc.getNumberOfPages() == 0) {
        throw new PackageFormatException(form + ": the form has no page");
      }
      // As a scanner would: a second look at another resolution when the first does not read.
      for (float dpi : DPIS) {
        try {
          text = decode(new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY));
          break;
        } catch (ReaderException e) {
          unread = e;
        }
      }
    } catch (org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException e) {
      throw new PackageFormatException(form + ": the form is password-protected", e);
    } catch (IOException e) {
      if (e instanceof PackageFormatException) {
        throw e;
      }
      throw new PackageFormatException(form + " is not a readable PDF: " + e.getMessage(), e);
    }
    if (text == null) {
      if (unread instanceof NotFoundException) {
        throw new PackageFormatException(form + ": no QR code on its first page: is it a "
            + "gapsync registration form?", unread);
      }
      throw new PackageFormatException(form + ": its QR code cannot be read: " + unread,
          unread);
    }
    try {
      return FormCode.parse(text);
    } catch (IllegalArgumentException e) {
      throw new PackageFormatException(form + ": " + e.getMessage(), e);
    }
  }

  private static String decode(BufferedImage page) throws ReaderException {
    int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0,
        page.getWidth());
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
        new com.google.zxing.RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels)));
    return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
        .getText();
  }
}
