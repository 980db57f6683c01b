package org.gapsync.target.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackagePath;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.RecordChange;

/**
 * What applying one package will do to each of its records, written to a file in the update's
 * work folder as it is planned and read back for each later step (staging, re-reading, the
 * ledger's commit), so that a package of a million records is never held on the heap. Only
 * the counts the summary needs, and the reasons of records not applied, stay in memory.
 */
final class ApplyPlan implements Closeable {
  private static final int BUFFER = 1 << 16;

  /**
   * One record's part of the plan.
   *
   * @param change the record's change as the header gives it
   * @param folder the record's folder in the replica, or null when it has none
   * @param outcome what applying does with it
   * @param reason why, when it is not applied
   * @param puts the files to write
   * @param removes the files to delete
   */
  record Planned(RecordChange change, String folder, RecordOutcome outcome,
      Optional<String> reason, List<FileState> puts, List<PackagePath> removes) {
    boolean isChanging() {
      return outcome == RecordOutcome.APPLIED;
    }
  }

  /** Receives the planned records one at a time. */
  @FunctionalInterface
  interface Step {
    void accept(Planned planned) throws IOException;
  }

  private final Path file;
  private final DataOutputStream out;
  private final Map<String, Integer> counts = new TreeMap<>();
  private final List<String> notApplied = new ArrayList<>();
  private int records;
  private long files;
  private long bytesToStage;

  ApplyPlan(Path file) throws IOException {
    this.file = file;
    this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
        StandardOpenOption.CREATE_NEW), BUFFER));
  }

  /** Adds the next record's plan. */
  void add(Planned p) throws IOException {
    RecordChange rc = p.change();
    out.writeUTF(rc.archivalId());
    out.writeByte(rc.change().ordinal());
    out.writeLong(rc.version());
    out.writeUTF(rc.folder());
    writeFiles(out, rc.files());
    writePaths(rc.removed());
    out.writeUTF(p.folder() == null ? "" : p.folder());
    out.writeByte(p.outcome().ordinal());
    out.writeUTF(p.reason().orElse(""));
    out.writeBoolean(!p.puts().isEmpty());
    writePaths(p.removes());
    String key = p.isChanging() ? rc.change().name().toLowerCase(java.util.Locale.ROOT)
        : p.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    counts.merge(key, 1, Integer::sum);
    if (p.outcome() == RecordOutcome.REJECTED) {
      notApplied.add(rc.archivalId() + ": " + p.reason().orElseThrow());
    }
    records++;
    files += rc.files().size();
    if (p.isChanging()) {
      bytesToStage += p.puts().stream().mapToLong(FileState::size).sum();
    }
  }

  /** Writes file states as this plan and {@link ResultSpill} keep them. */
  static void writeFiles(DataOutputStream out, List<FileState> list) throws IOException {
    out.writeInt(list.size());
    for (FileState f : list) {
      out.writeUTF(f.path().value());
      out.writeLong(f.size());
      out.writeUTF(f.digest().hex());
    }
  }

  private void writePaths(List<PackagePath> list) throws IOException {
    out.writeInt(list.size());
    for (PackagePath p : list) {
      out.writeUTF(p.value());
    }
  }

  /** Gives {@code step} every record's plan, in the header's order. */
  void forEach(Step step) throws IOException {
    out.flush();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        Files.newInputStream(file), BUFFER))) {
      for (int i = 0; i < records; i++) {
        step.accept(read(in));
      }
    } catch (EOFException e) {
      throw new IOException(file + ": the plan of this import ends early; import again", e);
    }
  }

  private static Planned read(DataInputStream in) throws IOException {
    String id = in.readUTF();
    ChangeKind change = ChangeKind.values()[in.readByte()];
    long version = in.readLong();
    String packageFolder = in.readUTF();
    List<FileState> carried = readFiles(in);
    List<PackagePath> removed = readPaths(in);
    RecordChange rc = new RecordChange(id, change, version, packageFolder, carried, removed);
    String folder = in.readUTF();
    RecordOutcome outcome = RecordOutcome.values()[in.readByte()];
    Optional<String> reason = Optional.of(in.readUTF()).filter(r -> !r.isEmpty());
    List<FileState> puts = in.readBoolean() ? rc.files() : List.of();
    return new Planned(rc, folder.isEmpty() ? null : folder, outcome, reason, puts,
        readPaths(in));
  }

  /** Reads file states written by {@link #writeFiles(DataOutputStream, List)}. */
  static List<FileState> readFiles(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<FileState> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(new FileState(new PackagePath(in.readUTF()), in.readLong(),
          Digest.parse(DigestAlgorithm.SHA256, in.readUTF())));
    }
    return list;
  }

  private static List<PackagePath> readPaths(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<PackagePath> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(new PackagePath(in.readUTF()));
    }
    return list;
  }

  /** Returns the number of records planned. */
  int records() {
    return records;
  }

  /** Returns the number of files the header carries for them. */
  long files() {
    return files;
  }

  /** Returns the bytes of the files to stage. */
  long bytesToStage() {
    return bytesToStage;
  }

  /** Returns, for each record not applied as a rejection, its id and why. */
  List<String> notApplied() {
    return List.copyOf(notApplied);
  }

  /** Returns how many records each outcome has, by its name in the summary. */
  Map<String, Integer> counts() {
    return java.util.Collections.unmodifiableMap(counts);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
