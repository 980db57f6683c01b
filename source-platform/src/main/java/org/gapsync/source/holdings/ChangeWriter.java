package org.gapsync.source.holdings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackagePath;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.format.template.Template;
import org.gapsync.source.holdings.HoldingsTree.Folder;
import org.gapsync.source.holdings.HoldingsTree.Found;
import org.gapsync.source.ledger.RecordStat;
import org.gapsync.source.ledger.RecordTables;
import org.gapsync.source.ledger.StoredFile;
import org.gapsync.source.ledger.StoredRecord;
import org.gapsync.source.ledger.Templates;
import org.gapsync.source.ledger.Transaction;

/**
 * Writes one scan's changes into the ledger: a changed record's files, compared with what the
 * ledger holds and hashed where they differ, its new version and change event, its deletion,
 * and the destinations whose templates select it.
 */
final class ChangeWriter {
  /** A record whose folder differs from what the ledger knows, waiting to be written. */
  record Pending(String archivalId, Folder folder, RecordMetadata metadata, String statDigest) {}

  private final Transaction tx;
  private final boolean rehash;
  private final List<String> invalid;
  private final List<String> corrupted;
  private final Set<String> parents = new HashSet<>();
  private final boolean isFirst;
  private final List<Pending> firsts = new ArrayList<>();
  private Map<String, Template> templates;
  private int added;
  private int modified;
  private int deleted;
  private long hashed;

  /**
   * Creates a writer that adds what it cannot record to {@code invalid} and {@code corrupted};
   * {@code isFirst} when the ledger holds no record yet, so that every record written is new
   * and goes into the ledger in batches of {@link #BATCH}.
   */
  ChangeWriter(Transaction tx, boolean rehash, boolean isFirst, List<String> invalid,
      List<String> corrupted) {
    this.tx = tx;
    this.rehash = rehash;
    this.isFirst = isFirst;
    this.invalid = invalid;
    this.corrupted = corrupted;
  }

  /** How many new records a first scan writes at once. */
  static final int BATCH = 512;

  int added() {
    return added;
  }

  int modified() {
    return modified;
  }

  int deleted() {
    return deleted;
  }

  long hashed() {
    return hashed;
  }

  /** Returns the parent folders of the records written, where they were and where they are. */
  Set<String> parents() {
    return parents;
  }

  /** Records what changed in a pending record's folder; call {@link #finish} after the last. */
  void update(Pending p) throws IOException {
    if (isFirst) {
      firsts.add(p);
      if (firsts.size() == BATCH) {
        writeFirsts();
      }
      return;
    }
    String id = p.archivalId();
    StoredRecord before = tx.records().get(id).orElse(null);
    Map<String, StoredFile> old = before == null ? Map.of() : before.files();
    List<String> changed = new ArrayList<>();
    List<StoredFile> written = new ArrayList<>();
    int problems = invalid.size() + corrupted.size();
    Set<String> present = new HashSet<>();
    for (Found f : p.folder().files()) {
      if (!PackagePath.isSafe(f.path())) {
        invalid.add(unsafeName(p, f));
        continue;
      }
      present.add(f.path());
      StoredFile stored = old.get(f.path());
      boolean looksSame = stored != null && stored.size() == f.size()
          && stored.modifiedNanos() == f.modifiedNanos();
      if (looksSame && !rehash) {
        continue;
      }
      String digest = hash(p.folder().file(f));
      if (looksSame && !digest.equals(stored.sha256())) {
        corrupted.add(p.folder().file(f) + ": sha256 " + digest + " != " + stored.sha256()
            + " recorded, with size and time unchanged: silent corruption; restore it "
            + "from a backup");
        continue;
      }
      if (stored == null || !digest.equals(stored.sha256())) {
        changed.add(f.path());
      }
      written.add(new StoredFile(f.path(), f.size(), f.modifiedNanos(), digest));
    }
    List<String> removed = old.keySet().stream().filter(path -> !present.contains(path))
        .sorted().toList();
    changed.addAll(removed);
    changed.sort(null);
    tx.records().putFiles(id, written, removed);
    if (before != null) {
      parents.add(HoldingsTree.parentOf(before.folder()));
    }
    parents.add(HoldingsTree.parentOf(p.folder().dir().toString()));
    record(id, p.folder().dir().toString(), before, changed, p.metadata());
    // Left partly unrecorded, the record is looked at (and reported) again by the next scan.
    tx.records().putStatDigest(id, invalid.size() + corrupted.size() == problems
        ? Optional.of(p.statDigest()) : Optional.empty());
  }

  /** Writes what {@link #update} holds back. */
  void finish() throws IOException {
    writeFirsts();
  }

  /**
   * Writes the records held back by a first scan: their files hashed on every core, then each
   * table's rows in one batch, and each record queued where a template selects it.
   */
  private void writeFirsts() throws IOException {
    List<RecordTables.NewRecord> records;
    try {
      records = firsts.parallelStream().map(this::hashNew).toList();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    firsts.clear();
    if (records.isEmpty()) {
      return;
    }
    tx.records().insertNew(records);
    List<String[]> queued = new ArrayList<>();
    for (RecordTables.NewRecord r : records) {
      parents.add(r.parent());
      String id = r.metadata().identifier();
      for (Map.Entry<String, Template> t : templates().entrySet()) {
        if (t.getValue().selection().matches(r.metadata())) {
          queued.add(new String[] {id, t.getKey(), "new record (version 1)"});
        }
      }
    }
    tx.sync().enqueueNew(queued);
    added += records.size();
  }

  /** Returns the line that says a file's name cannot travel, and what to do. */
  private static String unsafeName(Pending p, Found f) {
    return p.folder().file(f) + ": a file name that cannot travel in a package "
        + "(':', '\\\\' or a control character); rename it";
  }

  /** Hashes a new record's files; a file name that cannot travel is left out, and said. */
  private RecordTables.NewRecord hashNew(Pending p) {
    List<StoredFile> files = new ArrayList<>();
    boolean isWhole = true;
    for (Found f : p.folder().files()) {
      if (!PackagePath.isSafe(f.path())) {
        synchronized (invalid) {
          invalid.add(unsafeName(p, f));
        }
        isWhole = false;
        continue;
      }
      try {
        files.add(new StoredFile(f.path(), f.size(), f.modifiedNanos(),
            Digest.ofFile(DigestAlgorithm.SHA256, p.folder().file(f)).hex()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    synchronized (this) {
      hashed += files.size();
    }
    files.sort(java.util.Comparator.comparing(StoredFile::path));
    String dir = p.folder().dir().toString();
    return new RecordTables.NewRecord(p.metadata(), dir, HoldingsTree.parentOf(dir), files,
        isWhole ? Optional.of(p.statDigest()) : Optional.empty());
  }

  /** Writes the record's new version, if anything changed, and queues it where it goes. */
  private void record(String id, String folder, StoredRecord before, List<String> changed,
      RecordMetadata metadata) throws IOException {
    boolean isNew = before == null || before.isDeleted();
    if (isNew || changed.contains(HoldingsTree.METADATA)) {
      tx.records().putFields(metadata);
    }
    if (!isNew && changed.isEmpty()) {
      if (!before.folder().equals(folder)) {
        put(id, folder, before.version(), false);
      }
      return;
    }
    long version = before == null ? 1 : before.version() + 1;
    String kind = isNew ? "add" : "modify";
    put(id, folder, version, false);
    tx.records().addChange(id, version, kind, changed);
    if (isNew) {
      added++;
    } else {
      modified++;
    }
    enqueue(id, version, kind, changed);
  }

  /** Records the deletion of a record no longer in the holdings. */
  void delete(RecordStat k) throws IOException {
    long version = k.version() + 1;
    List<String> files = tx.records().get(k.archivalId()).orElseThrow().files().keySet()
        .stream().sorted().toList();
    put(k.archivalId(), k.folder(), version, true);
    tx.records().addChange(k.archivalId(), version, "delete", files);
    for (String destination : templates().keySet()) {
      if (!tx.sync().rows(Optional.of(k.archivalId()), Optional.of(destination),
          Optional.empty()).isEmpty()) {
        tx.sync().enqueue(k.archivalId(), destination, version, "delete",
            "deleted from the holdings");
      }
    }
    deleted++;
  }

  private void put(String id, String folder, long version, boolean isDeleted)
      throws IOException {
    String parent = HoldingsTree.parentOf(folder);
    parents.add(parent);
    tx.records().put(id, folder, parent, version, isDeleted);
  }

  private void enqueue(String id, long version, String kind, List<String> changed)
      throws IOException {
    RecordMetadata fields = tx.records().fields(id).orElseThrow();
    for (Map.Entry<String, Template> t : templates().entrySet()) {
      String destination = t.getKey();
      boolean wasSent = !tx.sync().rows(Optional.of(id), Optional.of(destination),
          Optional.empty()).isEmpty();
      if (t.getValue().selection().matches(fields)) {
        tx.sync().enqueue(id, destination, version, wasSent ? "modify" : "add",
            (kind.equals("add") ? "new record" : "changed: " + String.join(", ", changed))
                + " (version " + version + ")");
      } else if (wasSent) {
        tx.sync().enqueue(id, destination, version, "delete",
            "no longer selected by template " + t.getValue().id());
      }
    }
  }

  /** Returns the destinations' templates, read when a first change needs them. */
  private Map<String, Template> templates() throws IOException {
    // Reading templates loads JAXB: a scan that finds nothing changed does without.
    if (templates == null) {
      templates = Templates.of(tx);
    }
    return templates;
  }

  private String hash(Path file) throws IOException {
    hashed++;
    return Digest.ofFile(DigestAlgorithm.SHA256, file).hex();
  }
}
