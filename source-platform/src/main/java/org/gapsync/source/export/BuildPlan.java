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
import java.util.Map;
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
   * title (empty for a record the ledger no longer describes), for the volume's list. A record
   * with a file larger than a volume spans {@code spans} volumes, one piece on each: piece 1
   * carries its whole files, its removals and the first part of its first file carried in
   * parts; each piece after carries parts alone.
   */
  record Item(SyncRow row, ChangeKind change, String folder, List<Wanted> desired,
      List<PackagePath> removed, String title, int spans, int piece) {
    /** Describes a record carried whole on one volume. */
    Item(SyncRow row, ChangeKind change, String folder, List<Wanted> desired,
        List<PackagePath> removed, String title) {
      this(row, change, folder, desired, removed, title, 1, 1);
    }

    /** Returns the files the package (this volume) carries, whole or a part of each. */
    List<Wanted> carried() {
      return desired.stream().filter(Wanted::isCarried).toList();
    }

    /** Returns whether this is the first piece of its record (or the record whole). */
    boolean isFirst() {
      return piece == 1;
    }
  }

  /**
   * A file the destination must hold after the package.
   *
   * @param state its path in the record, size and digest
   * @param isCarried whether the package carries it (otherwise the destination holds it)
   * @param shaped for the template-shaped metadata, its bytes (kept in the plan's file, not in
   *     memory, once planned); empty for a content file, which is read from the holdings
   * @param slice for a file larger than a volume, the part of it this volume carries
   */
  record Wanted(FileState state, boolean isCarried, Optional<byte[]> shaped,
      Optional<Slice> slice) {
    /** Describes a file carried whole, or not at all. */
    Wanted(FileState state, boolean isCarried, Optional<byte[]> shaped) {
      this(state, isCarried, shaped, Optional.empty());
    }

    /** Returns the bytes this volume carries of the file: all, or its part's. */
    long carriedSize() {
      return slice.map(Slice::size).orElse(state.size());
    }
  }

  /**
   * The part of a file larger than a volume that one volume carries.
   *
   * @param number which part, from 1
   * @param count how many parts the file has
   * @param offset where the part begins in the file
   * @param size its length
   */
  record Slice(int number, int count, long offset, long size) {}

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
   * and the volume has room for it, else onto the next; a record that no volume holds whole is
   * spread over as many as it takes, its largest files in parts.
   *
   * @throws RecordTooLargeException if the record would not fit one volume even with its
   *     large files in parts (its other files alone are more than a volume holds)
   */
  void add(Item item) throws IOException {
    Part part = parts.get(parts.size() - 1);
    if (budget.isPresent()) {
      long cost = budget.get().cost(item);
      if (cost > budget.get().capacity()) {
        addSpanning(item);
        return;
      }
      if (part.records > 0 && part.cost + cost > budget.get().capacity()) {
        startPart();
        part = parts.get(parts.size() - 1);
      }
      part.cost += cost;
    }
    write(item, part);
    records++;
  }

  /**
   * Adds a record too large for one volume: its largest carried files, one after another,
   * are carried in parts until the rest fits one volume; the rest goes with the first part
   * onto the current volume (or the next, if the current has little room left), and each
   * part fills what its volume has left, in blocks of 4 KiB.
   */
  private void addSpanning(Item item) throws IOException {
    VolumeBudget b = budget.orElseThrow();
    long capacity = b.capacity();
    List<Wanted> bySize = new ArrayList<>(item.carried().stream().filter(w -> w.shaped()
        .isEmpty()).toList());
    bySize.sort(java.util.Comparator.comparingLong((Wanted w) -> w.state().size()).reversed());
    java.util.Set<PackagePath> split = new java.util.LinkedHashSet<>();
    Item rest = withPieces(item, split, Map.of(), 1, 1);
    // Room for the first part's own lines beside the rest.
    while (b.cost(rest) + SPLIT_ROOM > capacity) {
      if (split.size() == bySize.size()
          || bySize.get(split.size()).state().size() <= SPLIT_BLOCK) {
        throw new RecordTooLargeException(item.row().archivalId(), item.carried().stream()
            .mapToLong(w -> w.state().size()).sum(), b);
      }
      split.add(bySize.get(split.size()).state().path());
      rest = withPieces(item, split, Map.of(), 1, 1);
    }
    // Where each part goes: the volume's slices, piece by piece.
    List<Map<PackagePath, Slice>> pieces = new ArrayList<>();
    Part part = parts.get(parts.size() - 1);
    // The record begins on the current volume unless it has little room left.
    boolean isFresh = part.records > 0 && capacity - part.cost - b.cost(rest) < capacity / 8;
    long used = isFresh ? 0 : part.cost;
    Map<PackagePath, Slice> piece = new java.util.LinkedHashMap<>();
    Map<PackagePath, Integer> counts = new java.util.HashMap<>();
    for (PackagePath path : split) {
      FileState f = item.desired().stream().filter(w -> w.state().path().equals(path))
          .findFirst().orElseThrow().state();
      for (long offset = 0; offset < f.size(); ) {
        Map<PackagePath, Slice> trial = new java.util.LinkedHashMap<>(piece);
        trial.put(path, new Slice(1, 2, offset, 0));
        long free = capacity - used - b.cost(withPieces(item, split, trial, pieces.size() + 1,
            2));
        long size = Math.min(f.size() - offset, free / SPLIT_BLOCK * SPLIT_BLOCK);
        if (size <= 0) {
          if (piece.isEmpty() && used == 0) {
            throw new RecordTooLargeException(item.row().archivalId(), f.size(), b);
          }
          pieces.add(piece);
          piece = new java.util.LinkedHashMap<>();
          used = 0;
          continue;
        }
        int number = counts.merge(path, 1, Integer::sum);
        piece.put(path, new Slice(number, 0, offset, size));
        offset += size;
        if (offset < f.size()) {
          // The part filled its volume: the next goes onto the next.
          pieces.add(piece);
          piece = new java.util.LinkedHashMap<>();
          used = 0;
        }
      }
    }
    pieces.add(piece);
    int spans = pieces.size();
    for (int k = 1; k <= spans; k++) {
      Map<PackagePath, Slice> counted = new java.util.LinkedHashMap<>();
      pieces.get(k - 1).forEach((path, sl) -> counted.put(path, new Slice(sl.number(),
          counts.get(path), sl.offset(), sl.size())));
      Item p = withPieces(item, split, counted, k, spans);
      if (k > 1 || isFresh) {
        startPart();
      }
      Part into = parts.get(parts.size() - 1);
      into.cost += b.cost(p);
      write(p, into);
    }
    records++;
  }

  /** The least room beside a record's other files for the first part of a large one. */
  private static final long SPLIT_ROOM = 64 * 1024;
  /** Parts are cut in whole blocks of this size: every container's and medium's unit. */
  private static final long SPLIT_BLOCK = 4096;

  /**
   * Returns piece {@code piece} of {@code spans} of {@code item}: the files in {@code split}
   * carried only where {@code slices} places a part of them, the others (and the removals) on
   * the first piece alone.
   */
  private static Item withPieces(Item item, java.util.Set<PackagePath> split,
      Map<PackagePath, Slice> slices, int piece, int spans) {
    List<Wanted> desired = new ArrayList<>(item.desired().size());
    for (Wanted w : item.desired()) {
      PackagePath path = w.state().path();
      if (!w.isCarried()) {
        desired.add(w);
      } else if (split.contains(path)) {
        Slice sl = slices.get(path);
        // A file that came out in one part after all is carried whole, on its piece.
        desired.add(new Wanted(w.state(), sl != null, Optional.empty(),
            Optional.ofNullable(sl).filter(x -> x.count() != 1)));
      } else {
        desired.add(new Wanted(w.state(), piece == 1, w.shaped()));
      }
    }
    return new Item(item.row(), item.change(), item.folder(), desired, piece == 1
        ? item.removed() : List.of(), item.title(), spans, piece);
  }

  /** Writes {@code item} onto the plan's file of {@code part}. */
  private void write(Item item, Part part) throws IOException {
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
    out.writeInt(item.spans());
    out.writeInt(item.piece());
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
      out.writeBoolean(w.slice().isPresent());
      if (w.slice().isPresent()) {
        Slice sl = w.slice().get();
        out.writeInt(sl.number());
        out.writeInt(sl.count());
        out.writeLong(sl.offset());
        out.writeLong(sl.size());
      }
      if (w.isCarried()) {
        // A file in parts is one file of the package, counted with its first part.
        boolean isNew = w.slice().map(sl -> sl.number() == 1).orElse(true);
        files += isNew ? 1 : 0;
        bytes += w.carriedSize();
        part.files++;
        part.bytes += w.carriedSize();
      }
    }
    out.writeInt(item.removed().size());
    for (PackagePath p : item.removed()) {
      out.writeUTF(p.value());
    }
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
          if (w.slice().isPresent()) {
            // A part: its digest is taken as it is copied; the whole file's is the ledger's.
            Slice sl = w.slice().get();
            carried.add(new PayloadFile(p, PayloadSource.ofSlice(folder.resolve(p.value()),
                sl.offset(), sl.size()), Optional.empty(), Optional.of(new PayloadFile.Part(
                    sl.number(), sl.count(), sl.offset(), w.state()))));
            continue;
          }
          PayloadSource source = w.shaped().isPresent() ? PayloadSource.ofBytes(w.shaped().get())
              : PayloadSource.ofFile(folder.resolve(p.value()));
          carried.add(new PayloadFile(p, source, Optional.of(w.state().digest())));
        }
        contents.add(new RecordContent(item.row().archivalId(), item.change(),
            item.row().version(), carried, item.removed(), item.spans()));
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
      int spans = in.readInt();
      int piece = in.readInt();
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
        Optional<Slice> slice = in.readBoolean() ? Optional.of(new Slice(in.readInt(),
            in.readInt(), in.readLong(), in.readLong())) : Optional.empty();
        desired.add(new Wanted(state, isCarried, Optional.ofNullable(shaped), slice));
      }
      int m = in.readInt();
      List<PackagePath> removed = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        removed.add(new PackagePath(in.readUTF()));
      }
      return new Item(row, change, folder, desired, removed, title, spans, piece);
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
