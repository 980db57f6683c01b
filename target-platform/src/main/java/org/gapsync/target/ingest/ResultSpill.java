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

/**
 * What became of each record of an applied package, as re-read from the replica, written to a
 * private temporary file as it is found and given to the receipt and the reports as a {@link
 * WalkedList} read from there. The file outlives the import (a report may be written after it)
 * and is deleted once nothing refers to the list, or when the program ends. The records follow
 * the plan, itself in the header's order, whose ids the header's reader checked are unique.
 */
final class ResultSpill implements AutoCloseable {
  private static final int BUFFER = 1 << 16;
  private static final Cleaner CLEANER = Cleaner.create();

  private final Path file;
  private final DataOutputStream out;
  private int count;
  private boolean isTaken;

  ResultSpill() throws IOException {
    // The JDK makes temporary files readable by their owner only.
    this.file = Files.createTempFile("gapsync-results-", ".bin");
    file.toFile().deleteOnExit();
    this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
        StandardOpenOption.WRITE), BUFFER));
  }

  /** Adds the next record's result. */
  void add(RecordResult r) throws IOException {
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

  /** Ends the file and returns its results, read from it each time they are walked. */
  List<RecordResult> results() throws IOException {
    out.close();
    List<RecordResult> results = new WalkedList<>(count) {
      @Override
      public Iterator<RecordResult> iterator() {
        try {
          // A FileInputStream closes itself when dropped, should a walk stop early.
          return walk(new DataInputStream(new BufferedInputStream(new java.io.FileInputStream(
              file.toFile()), BUFFER)), size());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    isTaken = true;
    Path spilled = file;
    CLEANER.register(results, () -> delete(spilled));
    return results;
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      System.getLogger(ResultSpill.class.getName()).log(System.Logger.Level.DEBUG,
          "cannot delete " + file, e);
    }
  }

  private static Iterator<RecordResult> walk(DataInputStream in, int size) {
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
      public RecordResult next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          RecordResult r = read(in);
          read++;
          return r;
        } catch (IOException e) {
          close(in);
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  private static RecordResult read(DataInputStream in) throws IOException {
    String id = in.readUTF();
    long version = in.readLong();
    RecordOutcome outcome = RecordOutcome.values()[in.readByte()];
    Optional<String> reason = Optional.of(in.readUTF()).filter(r -> !r.isEmpty());
    return new RecordResult(id, version, outcome, reason, ApplyPlan.readFiles(in));
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
    if (!isTaken) {
      Files.deleteIfExists(file);
    }
  }
}
