package org.gapsync.format.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A copy of a document (a sync header, a receipt), read again each time its records are
 * walked: in memory while it is small, otherwise in a private temporary file (owner-only, as
 * the JDK makes them) that is deleted once nothing refers to the copy, or when the program
 * ends. A copy, not the medium: what was validated is what is read, whatever happens to the
 * medium afterwards.
 */
public final class DocumentCopy {
  /** Documents up to this size stay in memory. */
  public static final int IN_MEMORY = 4 << 20;
  private static final Cleaner CLEANER = Cleaner.create();

  private final byte[] bytes;
  private final Path file;

  private DocumentCopy(byte[] bytes, Path file) {
    this.bytes = bytes;
    this.file = file;
  }

  /** Copies the document {@code source} opens. */
  public static DocumentCopy copyOf(XmlCodec.Source source) throws IOException {
    try (InputStream in = source.open()) {
      byte[] start = in.readNBytes(IN_MEMORY + 1);
      if (start.length <= IN_MEMORY) {
        return new DocumentCopy(start, null);
      }
      Path file = Files.createTempFile("gapsync-document-", ".xml");
      DocumentCopy copy = new DocumentCopy(null, file);
      file.toFile().deleteOnExit();
      CLEANER.register(copy, () -> delete(file));
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file),
          1 << 16)) {
        out.write(start);
        in.transferTo(out);
      }
      return copy;
    }
  }

  /** Opens the document from its start. */
  public InputStream open() throws IOException {
    if (bytes != null) {
      return new ByteArrayInputStream(bytes);
    }
    // A FileInputStream closes itself when dropped, should a walk stop early and leave it open.
    return new java.io.BufferedInputStream(new java.io.FileInputStream(file.toFile()), 1 << 16);
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      System.getLogger(DocumentCopy.class.getName()).log(System.Logger.Level.DEBUG,
          "cannot delete " + file, e);
    }
  }
}
