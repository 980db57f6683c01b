package org.gapsync.source.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.PayloadSource;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.PayloadFile;
import org.gapsync.format.syncpackage.RecordContent;
import org.gapsync.format.syncpackage.RecordSource;
import org.gapsync.source.ledger.SyncRow;
import org.gapsync.source.ledger.SyncState;

/**
 * What a build plans to carry, written record by record to a private file in the scratch folder
 * (with the template-shaped metadata it carries) and read back twice, a batch at a time: by the
 * package writer, then by the ledger update once the package is verified. A queue of a million
 * records is never held in memory; the file goes when the build ends, and one a killed build
 * left is no more than scratch.
 *
 * <p>A plan {@linkplain #divideInto divided} into volumes keeps one file per volume: each record
 * goes onto the current volume while the volume's {@link VolumeBudget} has room for it, and
 * starts the next volume otherwise.
 */
final class BuildPlan implements Closeable {
  private static final int BATCH = 512;

  private final Path scratch;
  private final List<Part> parts = new ArrayList<>();
  private DataOutputStream out;
  private Optional<VolumeBudget> budget = Optional.empty();
  private int records;
  private long files;
  private long bytes;

  /** One volume's share of the plan (all of it when the plan is not divided). */
  private static final class Part {
    private final Path file;
    private int records;
    private long files;
    private long bytes;
    private long cost;

    Part(Path file) {
      this.file = file;
    }
  }

  /**
   * A record's part in the package: its row, its change, each file it must end with, and its
   * title (empty for a record the ledger no longer describes), for the volume's list.
   */
  record Item(SyncRow row, ChangeKind change, String folder, List<Wanted> desired,
      List<PackagePath> removed, String title) {
    /** Returns the files the package carries. */
    List<Wanted> carried() {
      return desired.stream().filter(Wanted::isCarried).toList();
    }
  }

  /**
   * A file the destination must hold after the package.
   *
   * @param state its path in the record, size and digest
   * @param isCarried whether the package carries it (otherwise the destination holds it)
   * @param shaped for the template-shaped metadata, its bytes (kept in the plan's file, not in
   *     memory, once planned); empty for a content file, which is read from the holdings
   */
  record Wanted(FileState state, boolean isCarried, Optional<byte[]> shaped) {}

  private BuildPlan(Path scratch) throws IOException {
    this.scratch = scratch;
    startPart();
  }

  /** Starts an empty plan in {@code scratch}. */
  static BuildPlan create(Path scratch) throws IOException {
    return new BuildPlan(Files.createDirectories(scratch));
  }

  private void startPart() throws IOException {
    if (out != null) {
      out.close();
    }
    Part part = new Part(Files.createTempFile(scratch, ".plan-", ".tmp"));
    parts.add(part);
    out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(part.file),
        1 << 16));
  }

  /**
   * Divides the plan, from the next record on, into volumes that {@code budget} fills by whole
   * records; called before the first record is added.
   */
  void divideInto(VolumeBudget budget) {
    if (records > 0) {
      throw new IllegalStateException("divided after " + records + " records");
    }
    this.budget = Optional.of(budget);
  }

  /**
   * Adds a record after those added before it: onto the current volume if the plan is divided
   * and the volume has room for it, else onto the next.
   *
   * @throws RecordTooLargeException if the record alone would not fit one volume
   */
  void add(Item item) throws IOException {
    Part part = parts.get(parts.size() - 1);
    if (budget.isPresent()) {
      long cost = budget.get().cost(item);
      if (cost > budget.get().capacity()) {
        throw new RecordTooLargeException(item.row().archivalId(), item.carried().stream()
            .mapToLong(w -> w.state().size()).sum(), budget.get());
      }
      if (part.records > 0 && part.cost + cost > budget.get().capacity()) {
        startPart();
        part = parts.get(parts.size() - 1);
      }
      part.cost += cost;
    }
    SyncRow r = item.row();
    out.writeUTF(r.archivalId());
    out.writeUTF(r.destination());
    out.writeLong(r.version());
    out.writeUTF(r.change() == null ? "" : r.change());
    out.writeUTF(r.state().label());
    out.writeUTF(r.packageId().map(PackageId::value).orElse(""));
    out.writeInt(r.attempts());
    writeLong(r.lastFailure().orElse(""));
    out.writeLong(r.updatedAt().toEpochMilli());
    out.writeUTF(item.change().name());
    out.writeUTF(item.folder());
    writeLong(item.title());
    out.writeInt(item.desired().size());
    for (Wanted w : item.desired()) {
      out.writeUTF(w.state().path().value());
      out.writeLong(w.state().size());
      out.writeUTF(w.state().digest().hex());
      out.writeBoolean(w.isCarried());
      byte[] shaped = w.isCarried() ? w.shaped().orElse(null) : null;
      out.writeInt(shaped == null ? -1 : shaped.length);
      if (shaped != null) {
        out.write(shaped);
      }
      if (w.isCarried()) {
        files++;
        bytes += w.state().size();
        part.files++;
        part.bytes += w.state().size();
      }
    }
    out.writeInt(item.removed().size());
    for (PackagePath p : item.removed()) {
      out.writeUTF(p.value());
    }
    records++;
    part.records++;
  }

  /** Returns how many volumes the plan takes: 1 when it is not divided or fits one. */
  int volumes() {
    return parts.size();
  }

  /** Returns the records planned onto volume {@code number} (from 1). */
  int records(int number) {
    return parts.get(number - 1).records;
  }

  /** Returns the payload bytes planned onto volume {@code number} (from 1). */
  long bytes(int number) {
    return parts.get(number - 1).bytes;
  }

  /** Returns the payload files planned onto volume {@code number} (from 1). */
  long files(int number) {
    return parts.get(number - 1).files;
  }

  /** Returns the number of records planned. */
  int records() {
    return records;
  }

  /** Returns the bytes of payload the plan carries. */
  long bytes() {
    return bytes;
  }

  /** Returns the number of payload files the plan carries. */
  long files() {
    return files;
  }

  /** Ends the plan: nothing more is added. */
  void finish() throws IOException {
    out.close();
  }

  /** A walk over the plan, a batch at a time. */
  interface Batches {
    /** Returns the next batch, empty after the last. */
    List<Item> next() throws IOException;
  }

  /** Opens a walk over the whole plan from its first record, volume after volume. */
  Batches walk() throws IOException {
    int[] next = {1};
    Batches[] current = {walk(1)};
    return () -> {
      List<Item> batch = current[0].next();
      while (batch.isEmpty() && next[0] < parts.size()) {
        current[0] = walk(++next[0]);
        batch = current[0].next();
      }
      return batch;
    };
  }

  /** Opens a walk over the records planned onto volume {@code number} (from 1). */
  Batches walk(int number) throws IOException {
    Part part = parts.get(number - 1);
    DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(
        part.file), 1 << 16));
    int[] left = {part.records};
    if (left[0] == 0) {
      in.close();
    }
    return () -> {
      List<Item> batch = new ArrayList<>(Math.min(BATCH, left[0]));
      while (left[0] > 0 && batch.size() < BATCH) {
        batch.add(read(in, part.file));
        left[0]--;
      }
      if (left[0] == 0) {
        in.close();
      }
      return batch;
    };
  }

  /**
   * Returns the plan as the writer's source of records: each carried content file read from the
   * holdings and checked against the digest planned, the shaped metadata from the plan.
   */
  RecordSource source() throws IOException {
    return source(walk());
  }

  /** Returns the records planned onto volume {@code number} as the writer's source. */
  RecordSource source(int number) throws IOException {
    return source(walk(number));
  }

  private static RecordSource source(Batches batches) {
    return () -> {
      List<RecordContent> contents = new ArrayList<>();
      for (Item item : batches.next()) {
        Path folder = Path.of(item.folder());
        List<PayloadFile> carried = new ArrayList<>();
        for (Wanted w : item.carried()) {
          PackagePath p = w.state().path();
          PayloadSource source = w.shaped().isPresent() ? PayloadSource.ofBytes(w.shaped().get())
              : PayloadSource.ofFile(folder.resolve(p.value()));
          carried.add(new PayloadFile(p, source, Optional.of(w.state().digest())));
        }
        contents.add(new RecordContent(item.row().archivalId(), item.change(),
            item.row().version(), carried, item.removed()));
      }
      return contents;
    };
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
    } finally {
      for (Part p : parts) {
        Files.deleteIfExists(p.file);
      }
    }
  }

  private static Item read(DataInputStream in, Path file) throws IOException {
    try {
      SyncRow row = new SyncRow(in.readUTF(), in.readUTF(), in.readLong(), empty(in.readUTF()),
          SyncState.of(in.readUTF()), Optional.of(in.readUTF()).filter(s -> !s.isEmpty())
              .map(PackageId::of), in.readInt(), Optional.of(readLong(in))
              .filter(s -> !s.isEmpty()), java.time.Instant.ofEpochMilli(in.readLong()));
      ChangeKind change = ChangeKind.valueOf(in.readUTF());
      String folder = in.readUTF();
      String title = readLong(in);
      int n = in.readInt();
      List<Wanted> desired = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        FileState state = new FileState(new PackagePath(in.readUTF()), in.readLong(),
            Digest.parse(DigestAlgorithm.SHA256, in.readUTF()));
        boolean isCarried = in.readBoolean();
        int length = in.readInt();
        byte[] shaped = length < 0 ? null : new byte[length];
        if (shaped != null) {
          in.readFully(shaped);
        }
        desired.add(new Wanted(state, isCarried, Optional.ofNullable(shaped)));
      }
      int m = in.readInt();
      List<PackagePath> removed = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        removed.add(new PackagePath(in.readUTF()));
      }
      return new Item(row, change, folder, desired, removed, title);
    } catch (EOFException e) {
      throw new IOException(file + ": the build's plan ends early; build again", e);
    }
  }

  private static String empty(String s) {
    return s.isEmpty() ? null : s;
  }

  /** Writes text of any length: a failure's detail may exceed what writeUTF takes. */
  private void writeLong(String text) throws IOException {
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readLong(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}
