package org.gapsync.target.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.Fingerprints;
import org.gapsync.target.ledger.ReplicaFile;
import org.gapsync.target.ledger.ReplicaTables;

/**
 * Re-reads the whole replica and compares it with what the ledger says it holds: every file
 * missing, extra, or with other bytes. It goes a record at a time: the ledger's files come
 * through one cursor ordered by record folder, each record's folder is listed and its files
 * hashed as its group ends, and the folders the ledger never named are found by one more walk
 * of the replica's two top levels, the named ones remembered by fingerprint. Only the
 * differences are kept.
 *
 * <pre>{@code
 * ReplicaVerifier.Result r = new ReplicaVerifier(store).verify(tx.replica()::forEachExpected);
 * r.differences().forEach(System.out::println);
 * }</pre>
 */
public final class ReplicaVerifier {
  private final ReplicaStore store;

  /** Creates a verifier of the replica in {@code store}. */
  public ReplicaVerifier(ReplicaStore store) {
    this.store = store;
  }

  /** What the ledger says the replica holds, given a file at a time. */
  @FunctionalInterface
  public interface Expected {
    /**
     * Gives {@code each} every file the replica should hold, grouped by source and record
     * folder (all of a record's files one after another).
     */
    void forEach(ReplicaTables.ExpectedFile each) throws IOException;
  }

  /**
   * What the comparison found.
   *
   * @param files the files read
   * @param bytes their bytes
   * @param differences one line per missing, extra or changed file, by path
   */
  public record Result(long files, long bytes, List<String> differences) {
    /** Copies the differences. */
    public Result {
      differences = List.copyOf(differences);
    }

    /** Returns whether the replica is exactly what the ledger says. */
    public boolean isClean() {
      return differences.isEmpty();
    }
  }

  /** Compares the replica with {@code expected}. */
  public Result verify(Expected expected) throws IOException {
    return new Pass().run(expected);
  }

  /** One comparison. */
  private final class Pass {
    private final Map<String, String> found = new TreeMap<>();
    private final Fingerprints named = new Fingerprints();
    private long namedOnDisk;
    private long files;
    private long bytes;
    private String source;
    private String folder;
    private final List<ReplicaFile> group = new ArrayList<>();

    Result run(Expected expected) throws IOException {
      try {
        expected.forEach((s, f, file) -> {
          if (!(s.equals(source) && f.equals(folder))) {
            endGroup();
            source = s;
            folder = f;
          }
          group.add(file);
        });
        endGroup();
        if (Files.isDirectory(store.root())) {
          long[] matches = {0};
          eachTopFolder(key -> {
            if (named.contains(named.of(key))) {
              matches[0]++;
            }
            return false;
          });
          if (matches[0] == namedOnDisk) {
            eachTopFolder(key -> !named.contains(named.of(key)));
          } else {
            Set<String> exact = new HashSet<>();
            expected.forEach((s, f, file) -> exact.add(s + "/" + f));
            eachTopFolder(key -> !exact.contains(key));
          }
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      List<String> differences = new ArrayList<>();
      found.forEach((rel, what) -> differences.add(rel + ": " + what));
      return new Result(files, bytes, differences);
    }

    /** Compares the record whose files were just given with its folder on disk. */
    private void endGroup() throws IOException {
      if (group.isEmpty()) {
        return;
      }
      String key = source + "/" + folder;
      named.add(key);
      Path dir = store.root().resolve(key);
      Map<String, Path> onDisk = new TreeMap<>();
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        namedOnDisk++;
        list(dir, onDisk);
      }
      for (ReplicaFile want : group) {
        String rel = key + "/" + want.path();
        Path p = onDisk.remove(rel);
        if (p == null) {
          if (!found.containsKey(rel)) {
            found.put(rel, "missing: ledger has sha256 " + want.sha256() + " from package "
                + want.packageId());
          }
          continue;
        }
        long size = Files.size(p);
        Digest actual = Digest.ofFile(DigestAlgorithm.SHA256, p);
        files++;
        bytes += size;
        if (!actual.hex().equals(want.sha256()) || size != want.size()) {
          found.put(rel, "changed: actual sha256 " + actual.hex() + " (" + size
              + " bytes) != ledger " + want.sha256() + " (" + want.size() + " bytes), from "
              + "package " + want.packageId());
        }
      }
      extra(onDisk);
      group.clear();
    }

    /** Lists the regular files under {@code dir} by path; a link found is a difference. */
    private void list(Path dir, Map<String, Path> out) throws IOException {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            out.put(store.relative(p), p);
          } else if (Files.isSymbolicLink(p)) {
            found.put(store.relative(p), "extra: a link, not a file");
          }
        }
      }
    }

    private void extra(Map<String, Path> onDisk) throws IOException {
      for (Map.Entry<String, Path> e : onDisk.entrySet()) {
        files++;
        bytes += Files.size(e.getValue());
        found.put(e.getKey(), "extra: not in the ledger");
      }
    }

    /**
     * Gives {@code isUnnamed} each folder two levels below the root (SOURCE/FOLDER) and reports
     * every file under those it says the ledger never named; a file or link at the top levels
     * is reported whenever it says so of anything, as it does on its last pass.
     */
    private void eachTopFolder(UnnamedTest isUnnamed) throws IOException {
      Path work = store.root().resolve(ReplicaStore.WORK);
      try (DirectoryStream<Path> sources = Files.newDirectoryStream(store.root())) {
        for (Path s : sources) {
          if (s.equals(work)) {
            continue;
          }
          if (!Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
            top(s);
            continue;
          }
          try (DirectoryStream<Path> folders = Files.newDirectoryStream(s)) {
            for (Path f : folders) {
              if (!Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                top(f);
              } else if (isUnnamed.test(store.relative(f))) {
                Map<String, Path> onDisk = new TreeMap<>();
                list(f, onDisk);
                extra(onDisk);
              }
            }
          }
        }
      }
    }

    /** Reports a file or link where only folders belong. */
    private void top(Path p) throws IOException {
      String rel = store.relative(p);
      if (found.containsKey(rel)) {
        return;
      }
      if (Files.isSymbolicLink(p)) {
        found.put(rel, "extra: a link, not a file");
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        files++;
        bytes += Files.size(p);
        found.put(rel, "extra: not in the ledger");
      }
    }
  }

  /** Says whether a record folder (SOURCE/FOLDER) is one the ledger never named. */
  @FunctionalInterface
  private interface UnnamedTest {
    boolean test(String key) throws IOException;
  }
}
