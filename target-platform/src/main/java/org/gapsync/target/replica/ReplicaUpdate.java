package org.gapsync.target.replica;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.gapsync.format.PackageId;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.files.FileTrees;

/**
 * One package's change to the replica, made all or nothing. Files are first staged in the
 * package's work folder; then a journal lists every rename; then each replica file is moved to
 * a backup and the staged file into its place. The caller commits its ledger after {@link
 * #execute()}: that commit decides. If the process dies, {@link #recover} rolls an update whose
 * package the ledger shows applied forward, and any other back, from the journal and backups.
 *
 * <pre>{@code
 * ReplicaUpdate u = ReplicaUpdate.begin(store, work, PackageId.of("archive-lan-backup-000003"));
 * u.put(target, in, n -> { });  u.remove(other);
 * u.prepare();  u.execute();  ledger.commit...;  u.finish();
 * }</pre>
 */
public final class ReplicaUpdate {
  /**
   * Where change {@code n}'s staged file and backup lie in a work folder: in folders of a
   * thousand ({@code staged/K/n}, {@code replaced/K/n}, K = n / 1000), so that no folder grows
   * to a package's file count; an update journaled by an earlier version, found by recovery,
   * keeps them flat in {@code new/} and {@code old/}.
   */
  private record Slots(Path work, boolean isFlat) {
    static final int PER_FOLDER = 1000;

    static Slots of(Path work) {
      return new Slots(work, Files.isDirectory(work.resolve("new")));
    }

    Path staged(int n) {
      return slot(isFlat ? "new" : "staged", n);
    }

    Path backup(int n) {
      return slot(isFlat ? "old" : "replaced", n);
    }

    private Path slot(String folder, int n) {
      Path in = work.resolve(folder);
      return (isFlat ? in : in.resolve(Integer.toString(n / PER_FOLDER)))
          .resolve(Integer.toString(n));
    }
  }

  private static final String JOURNAL = "journal";
  private static final String PUT = "PUT\t";
  private static final int FORCE_THREADS = 8;
  private static final int FORCE_CHUNK = 1024;
  /**
   * From this many staged files on, the file system holding them is synced as a whole (Linux's
   * syncfs, through {@code sync --file-system}), its data and its folders' entries in one
   * commit, instead of each file forced alone.
   */
  static final int SYNC_WHOLE_FROM = 1000;
  private static final int COPY_BUFFER = 1 << 16;
  private final ReplicaStore store;
  private final Path work;
  private final BufferedWriter journal;
  private final byte[] buffer = new byte[COPY_BUFFER];
  private int count;
  // The folder of staged files made last, by number: removals take numbers too.
  private int stagedFolder = -1;

  private ReplicaUpdate(ReplicaStore store, Path work, BufferedWriter journal) {
    this.store = store;
    this.work = work;
    this.journal = journal;
  }

  /**
   * Starts an update for {@code packageId} in a fresh work folder under {@code workRoot}. The
   * changes are written to the journal's temporary file as they are added, not kept.
   */
  public static ReplicaUpdate begin(ReplicaStore store, Path workRoot, PackageId packageId)
      throws IOException {
    Path work = workRoot.resolve(packageId.value());
    FileTrees.delete(work);
    Files.createDirectories(work);
    return new ReplicaUpdate(store, work, Files.newBufferedWriter(work.resolve(JOURNAL
        + ".tmp"), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW));
  }

  /**
   * Returns a file of this update's own, in its work folder beside the staged files: gone with
   * them when the update ends either way.
   */
  public Path scratch(String name) {
    return work.resolve(name);
  }

  /** Returns the number of changes so far. */
  public int size() {
    return count;
  }

  /**
   * Stages {@code in}'s bytes to be put at {@code target}, hashing them on the way, and returns
   * their digest, telling {@code copied} each chunk copied; {@link #prepare()} forces them to
   * disk.
   */
  public Digest put(Path target, InputStream in, LongConsumer copied) throws IOException {
    Path file = new Slots(work, false).staged(count);
    if (count / Slots.PER_FOLDER != stagedFolder) {
      Files.createDirectories(file.getParent());
      stagedFolder = count / Slots.PER_FOLDER;
    }
    MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
        OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(
            channel), md)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        copied.accept(n);
      }
    }
    add(PUT + store.relative(target));
    return Digest.from(DigestAlgorithm.SHA256, md);
  }

  /** Adds the removal of the replica file {@code target}. */
  public void remove(Path target) throws IOException {
    add("REMOVE\t" + store.relative(target));
  }

  private void add(String line) throws IOException {
    journal.write(line);
    journal.write('\n');
    count++;
  }

  /**
   * Forces every staged file to disk, then the journal, and gives it its final name: from now
   * on the update can be recovered either way.
   */
  public void prepare() throws IOException {
    forceStaged(work.resolve("staged"));
    CrashPoint.reach("staged");
    Path tmp = work.resolve(JOURNAL + ".tmp");
    journal.close();
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, work.resolve(JOURNAL), StandardCopyOption.ATOMIC_MOVE);
    CrashPoint.reach("journal");
  }

  /**
   * Forces the staged files to disk: an update of {@link #SYNC_WHOLE_FROM} changes or more by
   * syncing their file system once; a smaller one (or where that cannot be done) several files
   * at a time, a chunk after another, so that the file system commits them in a few journal
   * transactions instead of one each.
   */
  private void forceStaged(Path folder) throws IOException {
    if (count >= SYNC_WHOLE_FROM && syncFileSystem(folder)) {
      return;
    }
    if (!Files.isDirectory(folder)) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(FORCE_THREADS);
    try (Stream<Path> walk = Files.walk(folder)) {
      List<Future<?>> pending = new ArrayList<>();
      for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        pending.add(pool.submit(() -> {
          try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
            c.force(false);
          }
          return null;
        }));
        if (pending.size() == FORCE_CHUNK) {
          awaitAll(pending);
        }
      }
      awaitAll(pending);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Syncs the whole file system that holds {@code folder}; returns false where that cannot be
   * done (no {@code sync} that knows {@code --file-system}), and the caller forces file by file.
   */
  private static boolean syncFileSystem(Path folder) throws IOException {
    Process sync;
    try {
      sync = new ProcessBuilder("sync", "--file-system", folder.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException noSync) {
      return false;
    }
    try {
      return sync.waitFor() == 0;
    } catch (InterruptedException e) {
      sync.destroy();
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while syncing the staged files");
    }
  }

  private static void awaitAll(List<Future<?>> pending) throws IOException {
    try {
      for (Future<?> f : pending) {
        f.get();
      }
      pending.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while forcing staged files");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  /** Moves every change into the replica, keeping what it replaces as backups. */
  public void execute() throws IOException {
    Slots slots = Slots.of(work);
    eachLine(work.resolve(JOURNAL), (i, line) -> {
      forward(store, slots, i, line);
      CrashPoint.reach("op-" + (i + 1));
    });
  }

  /** Ends a committed update: the journal and backups go; folders left empty are removed. */
  public void finish() throws IOException {
    Path done = work.resolve(JOURNAL);
    Path removals = work.resolveSibling(work.getFileName() + ".removed");
    // The journal goes first, so that a crash from here on does nothing more; the removals
    // it listed, whose emptied folders are left to prune, are kept aside until then.
    Files.move(done, removals, StandardCopyOption.REPLACE_EXISTING);
    FileTrees.delete(work);
    pruneRemoved(store, removals);
  }

  /** Removes the folders that the removals of a finished journal left empty, then it. */
  private static void pruneRemoved(ReplicaStore store, Path removals) throws IOException {
    pruneRemovals(store, removals);
    Files.delete(removals);
  }

  /** Removes the record folders that the removals listed in {@code journal} left empty. */
  private static void pruneRemovals(ReplicaStore store, Path journal) throws IOException {
    eachLine(journal, (i, line) -> {
      if (!line.startsWith(PUT)) {
        pruneEmptyFolders(store, target(store, line).getParent());
      }
    });
  }

  /** Ends an update that will not be committed: whatever was moved is moved back. */
  public void abandon() throws IOException {
    journal.close();
    if (Files.exists(work.resolve(JOURNAL))) {
      rollBack(store, Slots.of(work), work.resolve(JOURNAL));
    }
    FileTrees.delete(work);
  }

  /**
   * Finishes every update a crash interrupted: forward if {@code isCommitted} says its
   * package's ledger change was committed, back otherwise. Returns the packages recovered.
   */
  public static List<String> recover(ReplicaStore store, Path workRoot,
      Predicate<String> isCommitted) throws IOException {
    List<String> done = new ArrayList<>();
    if (!Files.isDirectory(workRoot)) {
      return done;
    }
    List<Path> works;
    try (Stream<Path> s = Files.list(workRoot)) {
      works = s.sorted().toList();
    }
    for (Path work : works) {
      if (!Files.isDirectory(work)) {
        // What a finished update left to prune: its replica change is complete.
        pruneRemoved(store, work);
        continue;
      }
      String packageId = work.getFileName().toString();
      Path journal = work.resolve(JOURNAL);
      if (Files.exists(journal)) {
        if (isCommitted.test(packageId)) {
          Slots slots = Slots.of(work);
          eachLine(journal, (i, line) -> forward(store, slots, i, line));
          pruneRemovals(store, journal);
          done.add(packageId + ": completed");
        } else {
          rollBack(store, Slots.of(work), journal);
          done.add(packageId + ": rolled back");
        }
      }
      Files.deleteIfExists(journal);
      FileTrees.delete(work);
    }
    return done;
  }

  private interface LineAction {
    void apply(int number, String line) throws IOException;
  }

  /** Gives {@code action} each change of the journal in order, numbered from 0. */
  private static void eachLine(Path journal, LineAction action) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      int i = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isEmpty()) {
          action.apply(i++, line);
        }
      }
    }
  }

  private static Path target(ReplicaStore store, String line) throws IOException {
    return store.resolveRelative(line.substring(line.indexOf('\t') + 1));
  }

  /** Does change {@code i}, or the rest of it; doing it again does nothing more. */
  private static void forward(ReplicaStore store, Slots slots, int i, String line)
      throws IOException {
    Path target = target(store, line);
    Path staged = slots.staged(i);
    Path backup = slots.backup(i);
    boolean isPut = line.startsWith(PUT);
    if (isPut && !Files.exists(staged)) {
      return;
    }
    if (Files.exists(target) && !Files.exists(backup)) {
      Files.createDirectories(backup.getParent());
      Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
    }
    if (isPut) {
      Files.createDirectories(target.getParent());
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * Undoes every change, whichever step each had reached. The changes touch distinct files, so
   * they are undone in the journal's order, read from disk; folders are made again as needed.
   */
  private static void rollBack(ReplicaStore store, Slots slots, Path journal)
      throws IOException {
    eachLine(journal, (i, line) -> {
      Path target = target(store, line);
      Path staged = slots.staged(i);
      Path backup = slots.backup(i);
      if (line.startsWith(PUT) && !Files.exists(staged)) {
        Files.deleteIfExists(target);
      }
      if (Files.exists(backup)) {
        Files.createDirectories(target.getParent());
        Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE);
      } else if (line.startsWith(PUT)) {
        pruneEmptyFolders(store, target.getParent());
      }
    });
  }

  private static void pruneEmptyFolders(ReplicaStore store, Path folder) throws IOException {
    // A record's own folders only: never the source's folder or the replica root.
    int recordDepth = store.root().getNameCount() + 2;
    for (Path p = folder; p.startsWith(store.root()) && p.getNameCount() >= recordDepth
        && isEmptyFolder(p); p = p.getParent()) {
      Files.delete(p);
    }
  }

  private static boolean isEmptyFolder(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.findAny().isEmpty();
    }
  }
}
