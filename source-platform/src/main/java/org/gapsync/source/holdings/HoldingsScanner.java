package org.gapsync.source.holdings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackagePath;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.format.template.Template;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.StoredFile;
import org.gapsync.source.ledger.StoredRecord;
import org.gapsync.source.ledger.Templates;
import org.gapsync.source.ledger.Transaction;

/**
 * Captures the changes of the holdings since the last scan, at file granularity, in one ledger
 * transaction. A file whose size and modification time are unchanged is not read, unless
 * {@code rehash} asks for a fixity audit; then a file whose bytes changed under an unchanged
 * size and time is reported as corrupted and its ledger entry kept, so the damage is not sent.
 *
 * <pre>{@code
 * ScanReport report = new HoldingsScanner(ledger, false, false, n -> {})
 *     .scan(Path.of("/archive"));
 * }</pre>
 */
public final class HoldingsScanner {
  private static final String METADATA = "metadata.xml";

  private final SourceLedger ledger;
  private final boolean rehash;
  private final boolean allowEmpty;
  private final IntConsumer progress;

  /**
   * Creates a scanner; {@code progress} hears each record done. Unless {@code allowEmpty}, a
   * holdings root without a single record, while the ledger knows some, is refused rather than
   * taken for the deletion of every record: it is far more often a drive that is not mounted.
   */
  public HoldingsScanner(SourceLedger ledger, boolean rehash, boolean allowEmpty,
      IntConsumer progress) {
    this.ledger = ledger;
    this.rehash = rehash;
    this.allowEmpty = allowEmpty;
    this.progress = progress;
  }

  /** Scans the holdings under {@code root}. */
  public ScanReport scan(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new java.nio.file.NoSuchFileException(root.toString(), null,
          "not a folder: check the holdings path");
    }
    Map<Path, List<HoldingsTree.Found>> tree = HoldingsTree.walk(root.toAbsolutePath());
    return ledger.inTransaction(tx -> new Scan(tx, root, tree).run());
  }

  /** One scan's state: what the ledger knew, and what has been found so far. */
  private final class Scan {
    private final Transaction tx;
    private final Path root;
    private final Map<Path, List<HoldingsTree.Found>> tree;
    private final Map<String, StoredRecord> known;
    private final Map<String, Template> templates;
    private final Map<String, String> idByFolder = new HashMap<>();
    private final List<String> invalid = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();
    private final List<String> corrupted = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int added;
    private int modified;
    private int deleted;
    private long hashed;

    Scan(Transaction tx, Path root, Map<Path, List<HoldingsTree.Found>> tree) throws Exception {
      this.tx = tx;
      this.root = root;
      this.tree = tree;
      this.known = tx.records().all();
      this.templates = Templates.of(tx);
      known.values().forEach(r -> idByFolder.put(r.folder(), r.archivalId()));
    }

    ScanReport run() throws Exception {
      Map<String, Path> claimed = new HashMap<>();
      Map<Path, RecordMetadata> parsed = new HashMap<>();
      Map<Path, String> ids = new HashMap<>();
      for (Path folder : tree.keySet()) {
        Optional<String> id = identify(folder, parsed);
        if (id.isEmpty()) {
          continue;
        }
        seen.add(id.get());
        Path other = claimed.putIfAbsent(id.get(), folder);
        if (other != null) {
          conflicts.add("archival id " + id.get() + " is claimed by both " + other + " and "
              + folder + "; give one of them another identifier");
          ids.remove(other);
          continue;
        }
        ids.put(folder, id.get());
      }
      long live = known.values().stream().filter(r -> !r.isDeleted()).count();
      if (seen.isEmpty() && live > 0 && !allowEmpty) {
        throw new EmptyHoldingsException(root, live);
      }
      int done = 0;
      for (Map.Entry<Path, String> e : ids.entrySet()) {
        if (!claimedTwice(e.getValue())) {
          update(e.getValue(), e.getKey(), Optional.ofNullable(parsed.get(e.getKey())));
        }
        progress.accept(++done);
      }
      for (StoredRecord r : known.values()) {
        if (!r.isDeleted() && !seen.contains(r.archivalId())) {
          delete(r);
        }
      }
      return new ScanReport(ids.size(), added, modified, deleted, hashed, invalid, conflicts,
          corrupted);
    }

    private boolean claimedTwice(String id) {
      return conflicts.stream().anyMatch(c -> c.startsWith("archival id " + id + " "));
    }

    /** Returns the folder's archival id, parsing metadata.xml only when it changed. */
    private Optional<String> identify(Path folder, Map<Path, RecordMetadata> parsed)
        throws IOException {
      String knownId = idByFolder.get(folder.toString());
      HoldingsTree.Found meta = tree.get(folder).stream()
          .filter(f -> f.path().equals(METADATA)).findFirst().orElseThrow();
      if (knownId != null && !rehash) {
        StoredFile stored = known.get(knownId).files().get(METADATA);
        if (stored != null && stored.size() == meta.size()
            && stored.modifiedNanos() == meta.modifiedNanos()) {
          return Optional.of(knownId);
        }
      }
      try {
        RecordMetadata m = RecordMetadata.read(meta.file().toString(),
            () -> Files.newInputStream(meta.file()));
        parsed.put(folder, m);
        return Optional.of(m.identifier());
      } catch (PackageFormatException e) {
        invalid.add(e.getMessage());
        // A record that cannot be read is not taken for deleted: keep what the ledger knows.
        if (knownId != null) {
          seen.add(knownId);
        }
        return Optional.empty();
      }
    }

    private void update(String id, Path folder, Optional<RecordMetadata> metadata)
        throws Exception {
      StoredRecord before = known.get(id);
      Map<String, StoredFile> old = before == null ? Map.of() : before.files();
      List<String> changed = new ArrayList<>();
      Set<String> present = new HashSet<>();
      for (HoldingsTree.Found f : tree.get(folder)) {
        if (!PackagePath.isSafe(f.path())) {
          invalid.add(f.file() + ": a file name that cannot travel in a package "
              + "(':', '\\\\' or a control character); rename it");
          continue;
        }
        present.add(f.path());
        StoredFile stored = old.get(f.path());
        boolean looksSame = stored != null && stored.size() == f.size()
            && stored.modifiedNanos() == f.modifiedNanos();
        if (looksSame && !rehash) {
          continue;
        }
        String digest = hash(f.file());
        if (looksSame && !digest.equals(stored.sha256())) {
          corrupted.add(f.file() + ": sha256 " + digest + " != " + stored.sha256()
              + " recorded, with size and time unchanged: silent corruption; restore it "
              + "from a backup");
          continue;
        }
        if (stored == null || !digest.equals(stored.sha256())) {
          changed.add(f.path());
        }
        tx.records().putFile(id, new StoredFile(f.path(), f.size(), f.modifiedNanos(), digest));
      }
      for (String path : old.keySet()) {
        if (!present.contains(path)) {
          tx.records().removeFile(id, path);
          changed.add(path);
        }
      }
      boolean isNew = before == null || before.isDeleted();
      if (metadata.isPresent() && (isNew || changed.contains(METADATA))) {
        tx.records().putFields(metadata.get());
      }
      if (!isNew && changed.isEmpty()) {
        if (!before.folder().equals(folder.toString())) {
          tx.records().put(id, folder.toString(), before.version(), false);
        }
        return;
      }
      long version = before == null ? 1 : before.version() + 1;
      String kind = isNew ? "add" : "modify";
      tx.records().put(id, folder.toString(), version, false);
      tx.records().addChange(id, version, kind, changed);
      if (isNew) {
        added++;
      } else {
        modified++;
      }
      enqueue(id, version, kind, changed);
    }

    private void delete(StoredRecord r) throws Exception {
      long version = r.version() + 1;
      tx.records().put(r.archivalId(), r.folder(), version, true);
      tx.records().addChange(r.archivalId(), version, "delete", List.copyOf(r.files().keySet()));
      for (String destination : templates.keySet()) {
        if (!tx.sync().rows(Optional.of(r.archivalId()), Optional.of(destination),
            Optional.empty()).isEmpty()) {
          tx.sync().enqueue(r.archivalId(), destination, version, "delete",
              "deleted from the holdings");
        }
      }
      deleted++;
    }

    private void enqueue(String id, long version, String kind, List<String> changed)
        throws Exception {
      RecordMetadata fields = tx.records().fields(id).orElseThrow();
      for (Map.Entry<String, Template> t : templates.entrySet()) {
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

    private String hash(Path file) throws IOException {
      hashed++;
      return Digest.ofFile(DigestAlgorithm.SHA256, file).hex();
    }
  }
}
