package org.gapsync.format.syncpackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.gapsync.format.WalkedList;
import org.gapsync.format.xml.DocumentCopy;

/**
 * The records of a header read from its document, one at a time, each time the list is walked:
 * a header of a million records is never held in memory whole. Walk it (iterate, stream, count);
 * {@link #get} walks from the start and is for small headers. A document that can no longer be
 * read ends a walk with an {@link UncheckedIOException}.
 */
final class StreamedRecords extends WalkedList<RecordChange> {
  private final DocumentCopy document;

  StreamedRecords(DocumentCopy document, int size) {
    super(size);
    this.document = document;
  }

  @Override
  public Iterator<RecordChange> iterator() {
    try {
      return new Walk(HeaderXml.openRecords(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One walk over the records, closing the document at its end. */
  private static final class Walk implements Iterator<RecordChange> {
    private final HeaderXml.RecordReader reader;
    private Optional<RecordChange> next;

    Walk(HeaderXml.RecordReader reader) {
      this.reader = reader;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        try {
          next = reader.next();
          if (next.isEmpty()) {
            reader.close();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return next.isPresent();
    }

    @Override
    public RecordChange next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      RecordChange r = next.get();
      next = null;
      return r;
    }
  }
}
