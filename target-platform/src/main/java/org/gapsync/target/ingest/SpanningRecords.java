package org.gapsync.target.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.gapsync.format.Digest;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.container.ContainerEntry;
import org.gapsync.format.container.ContainerReader;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.syncpackage.FilePart;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.RecordChange;
import org.gapsync.target.ledger.SpanningTables;
import org.gapsync.target.ledger.SpanningTables.Kept;
import org.gapsync.target.ledger.SpanningTables.Piece;
import org.gapsync.target.ledger.TargetLedger;
import org.gapsync.target.ledger.Transaction;

/**
 * The records of one volume that span several volumes of its set (a file larger than a volume,
 * in parts): what the volume carries of each is kept in the home's pieces folder; a record
 * whose last volume this is, is joined from its pieces (each part in order, the whole file
 * checked against its digest) and applied with the volume's other records; the others wait,
 * recorded in the ledger with the volume.
 */
final class SpanningRecords {
  private final Path dir;
  private final PackageId set;
  private final int volume;
  private final List<Piece> arrived = new ArrayList<>();
  private final Map<String, Joined> joined = new LinkedHashMap<>();
  private final List<String> waiting = new ArrayList<>();

  /**
   * A record whose every piece is here: its whole change, or why it cannot be applied.
   *
   * @param change the record's change, every file and removal of every piece
   * @param sources each file's kept copies, in order: one whole file, or its parts
   * @param problem why the pieces do not make the record, if they do not
   */
  record Joined(RecordChange change, Map<PackagePath, List<Path>> sources,
      Optional<String> problem) {}

  private SpanningRecords(Path dir, PackageId set, int volume) {
    this.dir = dir;
    this.set = set;
    this.volume = volume;
  }

  /** Returns the spanning records of the volume {@code header} (none for a package whole). */
  static SpanningRecords of(Path pieces, PackageHeader header) {
    return new SpanningRecords(pieces.resolve(header.packageId().value()), header.packageId(),
        header.volume().map(org.gapsync.format.Volume::number).orElse(0));
  }

  /** Removes what is kept for sets the ledger has no waiting record of: settled, or a crash. */
  static void prune(TargetLedger ledger, Path pieces) throws IOException {
    if (!Files.isDirectory(pieces)) {
      return;
    }
    Set<PackageId> sets = ledger.inTransaction(tx -> tx.spanning().sets());
    try (Stream<Path> s = Files.list(pieces)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        if (!PackageId.isValid(name) || !sets.contains(PackageId.of(name))) {
          FileTrees.delete(p);
        }
      }
    }
  }

  /**
   * Keeps what the volume at {@code path}, verified, carries of its records that span
   * volumes, each copy checked against its digest and forced to disk.
   */
  void keep(Path path, PackageHeader header) throws IOException {
    List<RecordChange> spanning = header.records().stream().filter(RecordChange::isSpanning)
        .toList();
    if (spanning.isEmpty()) {
      return;
    }
    Files.createDirectories(dir);
    int n = 0;
    try (ContainerReader reader = ContainerReader.open(path)) {
      for (RecordChange rc : spanning) {
        List<Kept> kept = new ArrayList<>();
        for (FileState f : rc.files()) {
          String name = rc.payloadPath(f.path()).value();
          ContainerEntry entry = reader.find(name).orElseThrow(() -> new PackageFormatException(
              path + ": " + name + " vanished from the package after it was verified; import "
                  + "it again from an intact medium"));
          String stored = volume + "-" + (++n);
          Digest d;
          try (InputStream in = reader.open(entry)) {
            d = copy(in, dir.resolve(stored));
          }
          if (!d.equals(rc.payloadDigest(f))) {
            throw new PackageFormatException(path + ": " + name + " changed after it was "
                + "verified; import it again from an intact medium");
          }
          kept.add(new Kept(f, Optional.ofNullable(rc.parts().get(f.path())), stored));
        }
        arrived.add(new Piece(set, rc.archivalId(), volume, rc.change(), rc.version(),
            rc.folder(), rc.spans(), kept, rc.removed()));
      }
    }
  }

  /**
   * Returns the records that this volume makes whole, joined from the pieces the ledger kept
   * and this volume's; notes the others as waiting.
   */
  List<Joined> join(Transaction tx) throws IOException {
    List<Joined> out = new ArrayList<>();
    for (Piece here : arrived) {
      List<Piece> pieces = new ArrayList<>(tx.spanning().pieces(set, here.archivalId()));
      pieces.removeIf(p -> p.volume() == volume);
      pieces.add(here);
      if (pieces.size() < here.spans()) {
        waiting.add(here.archivalId() + " (" + pieces.size() + " of its " + here.spans()
            + " volumes here)");
        continue;
      }
      Joined j = join(pieces);
      joined.put(here.archivalId(), j);
      out.add(j);
    }
    return out;
  }

  private Joined join(List<Piece> pieces) throws IOException {
    pieces.sort(Comparator.comparingInt(Piece::volume));
    Piece first = pieces.get(0);
    Map<PackagePath, FileState> files = new LinkedHashMap<>();
    Map<PackagePath, List<Kept>> kept = new HashMap<>();
    List<PackagePath> removed = new ArrayList<>();
    Optional<String> problem = Optional.empty();
    for (Piece p : pieces) {
      if (p.change() != first.change() || p.version() != first.version()
          || !p.folder().equals(first.folder())) {
        problem = Optional.of("its volumes disagree on its change (volume " + first.volume()
            + " and volume " + p.volume() + ")");
      }
      for (Kept k : p.files()) {
        files.putIfAbsent(k.whole().path(), k.whole());
        kept.computeIfAbsent(k.whole().path(), x -> new ArrayList<>()).add(k);
      }
      removed.addAll(p.removed());
    }
    Map<PackagePath, List<Path>> sources = new LinkedHashMap<>();
    for (FileState f : files.values()) {
      List<Kept> list = new ArrayList<>(kept.get(f.path()));
      list.sort(Comparator.comparingInt(k -> k.part().map(FilePart::number).orElse(0)));
      sources.put(f.path(), list.stream().map(k -> dir.resolve(k.stored())).toList());
      if (problem.isEmpty()) {
        problem = check(f, list, sources.get(f.path()));
      }
    }
    RecordChange change = new RecordChange(first.archivalId(), first.change(), first.version(),
        first.folder(), List.copyOf(files.values()), removed.stream().distinct().toList());
    return new Joined(change, sources, problem);
  }

  /**
   * Checks that the kept copies of {@code f} make it: one whole copy, or every part once, in
   * order, end to end; and that joined they have the whole file's digest.
   */
  private static Optional<String> check(FileState f, List<Kept> kept, List<Path> sources)
      throws IOException {
    boolean isWhole = kept.size() == 1 && kept.get(0).part().isEmpty();
    if (!isWhole) {
      long at = 0;
      for (int i = 0; i < kept.size(); i++) {
        Optional<FilePart> part = kept.get(i).part();
        if (part.isEmpty() || part.get().number() != i + 1 || part.get().count() != kept.size()
            || part.get().offset() != at) {
          return Optional.of(f.path() + ": its parts do not join (" + kept.size() + " kept, "
              + "the " + (i + 1) + "th " + part.map(Object::toString).orElse("whole") + ")");
        }
        at = part.get().end();
      }
      if (at != f.size()) {
        return Optional.of(f.path() + ": its parts make " + at + " bytes, not " + f.size());
      }
    }
    MessageDigest md = org.gapsync.format.DigestAlgorithm.SHA256.newMessageDigest();
    try (InputStream in = open(sources)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        md.update(buffer, 0, n);
      }
    }
    Digest d = Digest.from(org.gapsync.format.DigestAlgorithm.SHA256, md);
    return d.equals(f.digest()) ? Optional.empty() : Optional.of(f.path() + ": its "
        + Math.max(1, kept.size()) + " parts joined have " + d + ", not " + f.digest()
        + " as the source sent it");
  }

  /** Returns the record {@code archivalId} joined by this volume, if it is. */
  Optional<Joined> joined(String archivalId) {
    return Optional.ofNullable(joined.get(archivalId));
  }

  /** Opens the joined bytes of {@code sources}, one after another. */
  static InputStream open(List<Path> sources) throws IOException {
    List<InputStream> streams = new ArrayList<>();
    try {
      for (Path p : sources) {
        streams.add(Files.newInputStream(p));
      }
    } catch (IOException e) {
      for (InputStream s : streams) {
        s.close();
      }
      throw e;
    }
    return new SequenceInputStream(java.util.Collections.enumeration(streams));
  }

  /** Records, with the volume, the pieces that wait, and forgets the records joined. */
  void commit(Transaction tx) throws IOException {
    for (Piece p : arrived) {
      if (joined.containsKey(p.archivalId())) {
        tx.spanning().drop(set, p.archivalId());
      } else {
        tx.spanning().add(p);
      }
    }
  }

  /** Removes the kept copies of the records joined, once the ledger has forgotten them. */
  void removeJoined() throws IOException {
    for (Joined j : joined.values()) {
      for (List<Path> paths : j.sources().values()) {
        for (Path p : paths) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Removes what this volume kept: its import failed. */
  void abandon() throws IOException {
    for (Piece p : arrived) {
      for (Kept k : p.files()) {
        Files.deleteIfExists(dir.resolve(k.stored()));
      }
    }
  }

  /** Returns the records that wait for other volumes, each with how many it has. */
  List<String> waiting() {
    return List.copyOf(waiting);
  }

  private static Digest copy(InputStream in, Path to) throws IOException {
    MessageDigest md = org.gapsync.format.DigestAlgorithm.SHA256.newMessageDigest();
    try (FileChannel c = FileChannel.open(to, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(c);
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        md.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
      out.flush();
      c.force(true);
    }
    return Digest.from(org.gapsync.format.DigestAlgorithm.SHA256, md);
  }
}
