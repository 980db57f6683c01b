package org.gapsync.target.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.target.ledger.ReplicaFile;

/**
 * Re-reads the whole replica and compares it with what the ledger says it holds: every file
 * missing, extra, or with other bytes.
 *
 * <pre>{@code
 * ReplicaVerifier.Result r = new ReplicaVerifier(store).verify(expected);
 * r.differences().forEach(System.out::println);
 * }</pre>
 */
public final class ReplicaVerifier {
  private final ReplicaStore store;

  /** Creates a verifier of the replica in {@code store}. */
  public ReplicaVerifier(ReplicaStore store) {
    this.store = store;
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

  /** Compares the replica with {@code expected}, files by their path under the root. */
  public Result verify(Map<String, ReplicaFile> expected) throws IOException {
    Map<String, String> found = new TreeMap<>();
    Map<String, ReplicaFile> left = new java.util.HashMap<>(expected);
    long files = 0;
    long bytes = 0;
    if (Files.isDirectory(store.root())) {
      try (Stream<Path> walk = Files.walk(store.root())) {
        Path work = store.root().resolve(ReplicaStore.WORK);
        for (Path p : (Iterable<Path>) walk.filter(p -> !p.startsWith(work)).sorted()
            ::iterator) {
          if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(p)) {
              found.put(store.relative(p), "extra: a link, not a file");
            }
            continue;
          }
          String rel = store.relative(p);
          ReplicaFile want = left.remove(rel);
          long size = Files.size(p);
          files++;
          bytes += size;
          if (want == null) {
            found.put(rel, "extra: not in the ledger");
            continue;
          }
          Digest actual = Digest.ofFile(DigestAlgorithm.SHA256, p);
          if (!actual.hex().equals(want.sha256()) || size != want.size()) {
            found.put(rel, "changed: actual sha256 " + actual.hex() + " (" + size
                + " bytes) != ledger " + want.sha256() + " (" + want.size() + " bytes), from "
                + "package " + want.packageId());
          }
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    left.forEach((rel, want) -> found.put(rel, "missing: ledger has sha256 " + want.sha256()
        + " from package " + want.packageId()));
    List<String> differences = new ArrayList<>();
    found.forEach((rel, what) -> differences.add(rel + ": " + what));
    return new Result(files, bytes, differences);
  }
}
