package org.gapsync.target.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackagePath;
import org.gapsync.format.UnsafePathException;

/**
 * The replica on disk: each record in {@code <root>/<source>/<folder>/}, its files beneath.
 * Every path is checked to stay under the root before anything is read or written: as text,
 * and on the file system, where no folder between the root and the file may be a symbolic
 * link (one that a local user placed there would lead writes and reads elsewhere).
 *
 * <pre>{@code
 * ReplicaStore store = new ReplicaStore(Path.of("/srv/replica"));
 * List<FileState> now = store.reread("archive-lan", "F001-2024-0001");
 * }</pre>
 */
public final class ReplicaStore {
  /**
   * The folder inside the replica where updates stage their files when the replica lies on
   * another file system than the home; never a source's folder, since ids start with a letter
   * or digit, and never part of the replica's content.
   */
  public static final String WORK = ".gapsync-work";

  private final Path root;

  /** Creates the store rooted at {@code root}. */
  public ReplicaStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Returns the replica's root folder. */
  public Path root() {
    return root;
  }

  /** Returns the folder of a record. */
  public Path recordFolder(String sourceId, String folder) throws UnsafePathException {
    Path p = inside(root.resolve(PackagePath.parse(sourceId).value())
        .resolve(PackagePath.parse(folder).value()));
    refuseLink(p);
    return p;
  }

  /** Returns where a file of a record lies. */
  public Path file(String sourceId, String folder, PackagePath path) throws UnsafePathException {
    return inside(recordFolder(sourceId, folder).resolve(path.value()));
  }

  /** Returns the path relative to the root, with forward slashes, as the journal names it. */
  String relative(Path p) {
    return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
  }

  /** Returns the absolute path of a journal's relative path, refusing one that escapes. */
  Path resolveRelative(String relative) throws UnsafePathException {
    return inside(root.resolve(PackagePath.parse(relative).value()));
  }

  private Path inside(Path p) throws UnsafePathException {
    Path n = p.normalize();
    if (!n.startsWith(root) || n.equals(root)) {
      throw new UnsafePathException(p.toString(), "outside the replica " + root);
    }
    for (Path q = n.getParent(); !q.equals(root); q = q.getParent()) {
      refuseLink(q);
    }
    return n;
  }

  /** Refuses a folder of the replica that is a symbolic link, whatever it points to. */
  private static void refuseLink(Path folder) throws UnsafePathException {
    if (Files.isSymbolicLink(folder)) {
      throw new UnsafePathException(folder.toString(), "a symbolic link inside the replica, "
          + "never followed; remove it ('rm " + folder + "') and import again");
    }
  }

  /**
   * Re-reads every file of a record from disk, hashing its bytes, and returns their states by
   * path: what the record really is now, whatever the ledger says.
   */
  public List<FileState> reread(String sourceId, String folder) throws IOException {
    Path dir = recordFolder(sourceId, folder);
    List<FileState> out = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(new FileState(PackagePath.parse(dir.relativize(p).toString()
              .replace(p.getFileSystem().getSeparator(), "/")), Files.size(p),
              Digest.ofFile(DigestAlgorithm.SHA256, p)));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.sort(java.util.Comparator.comparing(FileState::path));
    return out;
  }
}
