package org.gapsync.format.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.WalkedList;

/**
 * The repeated elements of a validated {@link DocumentCopy} (a sync header's records, a
 * receipt's), read one at a time each time the list is walked: each walk opens the copy, skips
 * what precedes the records and binds them as it goes, closing the copy at its end. A value the
 * domain type refuses ends the walk with a {@link PackageFormatException} naming the document,
 * wrapped in an {@link UncheckedIOException}.
 *
 * @param <E> the records
 */
public final class DocumentRecords<E> extends WalkedList<E> {
  /** Reads the elements before the records, leaving the reader inside their parent. */
  @FunctionalInterface
  public interface Preamble {
    void skip(XmlCodec.Elements xml) throws IOException;
  }

  /** Reads the next record, or empty after the last. */
  @FunctionalInterface
  public interface Next<E> {
    Optional<E> read(XmlCodec.Elements xml) throws IOException;
  }

  private final XmlCodec<?> codec;
  private final String name;
  private final DocumentCopy document;
  private final Preamble preamble;
  private final Next<E> next;

  /**
   * Creates the list of the {@code size} records of {@code document}, named {@code name} in
   * messages and read with {@code codec}.
   */
  public DocumentRecords(XmlCodec<?> codec, String name, DocumentCopy document, int size,
      Preamble preamble, Next<E> next) {
    super(size);
    this.codec = codec;
    this.name = name;
    this.document = document;
    this.preamble = preamble;
    this.next = next;
  }

  @Override
  public Iterator<E> iterator() {
    try {
      InputStream in = document.open();
      try {
        XmlCodec.Elements xml = codec.elements(name, in);
        xml.nextStart();
        preamble.skip(xml);
        return new Walk(in, xml);
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One walk over the records, closing the document at its end. */
  private final class Walk implements Iterator<E> {
    private final InputStream in;
    private final XmlCodec.Elements xml;
    private Optional<E> pending;

    Walk(InputStream in, XmlCodec.Elements xml) {
      this.in = in;
      this.xml = xml;
    }

    @Override
    public boolean hasNext() {
      if (pending == null) {
        try {
          pending = next.read(xml);
          if (pending.isEmpty()) {
            try (in) {
              xml.close();
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
          throw new UncheckedIOException(new PackageFormatException(name + ": "
              + e.getMessage(), e));
        }
      }
      return pending.isPresent();
    }

    @Override
    public E next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      E e = pending.get();
      pending = null;
      return e;
    }
  }
}
