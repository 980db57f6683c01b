package org.gapsync.target.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.gapsync.format.WalkedList;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.syncpackage.ChangeKind;

/**
 * What became of each record of an applied package, as re-read from the replica, with what the
 * package did to it and its title, written to a private temporary file as it is found and given
 * to the receipt ({@link #results}) and the reports ({@link #records}) as {@link WalkedList}s
 * read from there. The file outlives the import (a report may be written after it)
 * and is deleted once nothing refers to the list, or when the program ends. The records follow
 * the plan, itself in the header's order, whose ids the header's reader checked are unique.
 */
final class ResultSpill implements AutoCloseable {
  private static final int BUFFER = 1 << 16;
  private static final Cleaner CLEANER = Cleaner.create();

  private final Path file;
  private final DataOutputStream out;
  private int count;
  private List<ImportedRecord> walked;

  ResultSpill() throws IOException {
    // The JDK makes temporary files readable by their owner only.
    this.file = Files.createTempFile("gapsync-results-", ".bin");
    file.toFile().deleteOnExit();
    this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
        StandardOpenOption.WRITE), BUFFER));
  }

  /** Adds the next record. */
  void add(ImportedRecord record) throws IOException {
    RecordResult r = record.result();
    out.writeByte(record.change().ordinal());
    writeLong(out, record.title());
    out.writeUTF(r.archivalId());
    out.writeLong(r.version());
    out.writeByte(r.outcome().ordinal());
    out.writeUTF(r.reason().orElse(""));
    ApplyPlan.writeFiles(out, r.files());
    count++;
  }

  /** Returns the number of results so far. */
  int size() {
    return count;
  }

  /**
   * Ends the file and returns its records, read from it each time they are walked. The file
   * is kept while this list, or that of {@link #results} asked for after it, is reachable.
   */
  List<ImportedRecord> records() throws IOException {
    out.close();
    if (walked == null) {
      walked = new WalkedList<>(count) {
        @Override
        public Iterator<ImportedRecord> iterator() {
          try {
            // A FileInputStream closes itself when dropped, should a walk stop early.
            return walk(new DataInputStream(new BufferedInputStream(
                new java.io.FileInputStream(file.toFile()), BUFFER)), size());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
      Path spilled = file;
      CLEANER.register(walked, () -> delete(spilled));
    }
    return walked;
  }

  /** Returns what the receipt says of each record, read from the file as {@link #records}. */
  List<RecordResult> results() throws IOException {
    List<ImportedRecord> records = records();
    return new WalkedList<>(count) {
      @Override
      public Iterator<RecordResult> iterator() {
        Iterator<ImportedRecord> each = records.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return each.hasNext();
          }

          @Override
          public RecordResult next() {
            return each.next().result();
          }
        };
      }
    };
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      System.getLogger(ResultSpill.class.getName()).log(System.Logger.Level.DEBUG,
          "cannot delete " + file, e);
    }
  }

  private static Iterator<ImportedRecord> walk(DataInputStream in, int size) {
    return new Iterator<>() {
      private int read;

      @Override
      public boolean hasNext() {
        if (read == size) {
          close(in);
        }
        return read < size;
      }

      @Override
      public ImportedRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          ImportedRecord r = read(in);
          read++;
          return r;
        } catch (IOException e) {
          close(in);
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  private static ImportedRecord read(DataInputStream in) throws IOException {
    ChangeKind change = ChangeKind.values()[in.readByte()];
    String title = readLong(in);
    String id = in.readUTF();
    long version = in.readLong();
    RecordOutcome outcome = RecordOutcome.values()[in.readByte()];
    Optional<String> reason = Optional.of(in.readUTF()).filter(r -> !r.isEmpty());
    return new ImportedRecord(new RecordResult(id, version, outcome, reason,
        ApplyPlan.readFiles(in)), change, title);
  }

  // A title may be longer than writeUTF's 65,535 bytes.
  private static void writeLong(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readLong(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readInt()), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the file; a spill whose results were never asked for is deleted. */
  @Override
  public void close() throws IOException {
    out.close();
    if (walked == null) {
      Files.deleteIfExists(file);
    }
  }
}
