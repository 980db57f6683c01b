package org.gapsync.target.replica;

import java.io.BufferedReader;
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
  private static final String JOURNAL = "journal";
  private static final int FORCE_THREADS = 8;
  private static final int COPY_BUFFER = 1 << 16;
  private final ReplicaStore store;
  private final Path work;
  private final List<String> lines = new ArrayList<>();
  private final List<Path> removed = new ArrayList<>();
  private final List<Path> staged = new ArrayList<>();
  private final byte[] buffer = new byte[COPY_BUFFER];

  private ReplicaUpdate(ReplicaStore store, Path work) {
    this.store = store;
    this.work = work;
  }

  /** Starts an update for {@code packageId} in a fresh work folder under {@code workRoot}. */
  public static ReplicaUpdate begin(ReplicaStore store, Path workRoot, PackageId packageId)
      throws IOException {
    Path work = workRoot.resolve(packageId.value());
    FileTrees.delete(work);
    Files.createDirectories(work.resolve("new"));
    Files.createDirectories(work.resolve("old"));
    return new ReplicaUpdate(store, work);
  }

  /** Returns the number of changes so far. */
  public int size() {
    return lines.size();
  }

  /**
   * Stages {@code in}'s bytes to be put at {@code target}, hashing them on the way, and returns
   * their digest, telling {@code copied} each chunk copied; {@link #prepare()} forces them to
   * disk.
   */
  public Digest put(Path target, InputStream in, LongConsumer copied) throws IOException {
    Path file = work.resolve("new").resolve(Integer.toString(lines.size()));
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
    staged.add(file);
    lines.add("PUT\t" + store.relative(target));
    return Digest.from(DigestAlgorithm.SHA256, md);
  }

  /** Adds the removal of the replica file {@code target}. */
  public void remove(Path target) {
    lines.add("REMOVE\t" + store.relative(target));
    removed.add(target);
  }

  /**
   * Forces every staged file to disk, then writes the journal: from now on the update can be
   * recovered either way.
   */
  public void prepare() throws IOException {
    forceAll(staged);
    CrashPoint.reach("staged");
    Path tmp = work.resolve(JOURNAL + ".tmp");
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap((String.join("\n", lines) + "\n")
          .getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    }
    Files.move(tmp, work.resolve(JOURNAL), StandardCopyOption.ATOMIC_MOVE);
    CrashPoint.reach("journal");
  }

  /**
   * Forces files to disk several at a time: the file system then commits them in a few journal
   * transactions instead of one each, many times faster than forcing each as it is written.
   */
  private static void forceAll(List<Path> files) throws IOException {
    if (files.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(FORCE_THREADS);
    try {
      List<Future<?>> pending = new ArrayList<>();
      for (Path f : files) {
        pending.add(pool.submit(() -> {
          try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
            c.force(false);
          }
          return null;
        }));
      }
      for (Future<?> f : pending) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while forcing staged files");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Moves every change into the replica, keeping what it replaces as backups. */
  public void execute() throws IOException {
    for (int i = 0; i < lines.size(); i++) {
      forward(store, work, i, lines.get(i));
      CrashPoint.reach("op-" + (i + 1));
    }
  }

  /** Ends a committed update: the journal and backups go; folders left empty are removed. */
  public void finish() throws IOException {
    Files.deleteIfExists(work.resolve(JOURNAL));
    FileTrees.delete(work);
    for (Path p : removed) {
      pruneEmptyFolders(store, p.getParent());
    }
  }

  /** Ends an update that will not be committed: whatever was moved is moved back. */
  public void abandon() throws IOException {
    if (Files.exists(work.resolve(JOURNAL))) {
      rollBack(store, work, lines);
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
      String packageId = work.getFileName().toString();
      Path journal = work.resolve(JOURNAL);
      if (Files.exists(journal)) {
        List<String> lines = readJournal(journal);
        if (isCommitted.test(packageId)) {
          for (int i = 0; i < lines.size(); i++) {
            forward(store, work, i, lines.get(i));
          }
          done.add(packageId + ": completed");
        } else {
          rollBack(store, work, lines);
          done.add(packageId + ": rolled back");
        }
      }
      Files.deleteIfExists(journal);
      FileTrees.delete(work);
    }
    return done;
  }

  private static List<String> readJournal(Path journal) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      return in.lines().filter(l -> !l.isEmpty()).toList();
    }
  }

  /** Does change {@code i}, or the rest of it; doing it again does nothing more. */
  private static void forward(ReplicaStore store, Path work, int i, String line)
      throws IOException {
    Path target = store.resolveRelative(line.substring(line.indexOf('\t') + 1));
    Path staged = work.resolve("new").resolve(Integer.toString(i));
    Path backup = work.resolve("old").resolve(Integer.toString(i));
    boolean isPut = line.startsWith("PUT\t");
    if (isPut && !Files.exists(staged)) {
      return;
    }
    if (Files.exists(target) && !Files.exists(backup)) {
      Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
    }
    if (isPut) {
      Files.createDirectories(target.getParent());
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Undoes every change, last first, whichever step each had reached. */
  private static void rollBack(ReplicaStore store, Path work, List<String> lines)
      throws IOException {
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i);
      Path target = store.resolveRelative(line.substring(line.indexOf('\t') + 1));
      Path staged = work.resolve("new").resolve(Integer.toString(i));
      Path backup = work.resolve("old").resolve(Integer.toString(i));
      if (line.startsWith("PUT\t") && !Files.exists(staged)) {
        Files.deleteIfExists(target);
      }
      if (Files.exists(backup)) {
        Files.createDirectories(target.getParent());
        Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE);
      } else if (line.startsWith("PUT\t")) {
        pruneEmptyFolders(store, target.getParent());
      }
    }
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
