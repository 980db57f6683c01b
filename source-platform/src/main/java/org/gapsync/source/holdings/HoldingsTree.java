package org.gapsync.source.holdings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.gapsync.format.DigestAlgorithm;

/**
 * The record folders of a holdings tree and their files: a folder holding {@code metadata.xml}
 * is a record; its files are everything below it except what lies in a nested record. Folders
 * are walked in parallel, as fork-join tasks, and the records of each folder are handed on
 * together as soon as they have been walked, each as where it is and the digest of its files'
 * names, sizes and times: memory holds the folders being walked and those summaries, not the
 * tree. A record whose digest differs from the ledger's is {@linkplain #read read} again for its
 * files. Symbolic links are not followed.
 */
final class HoldingsTree {
  static final String METADATA = "metadata.xml";

  /** A file found, with what a scan compares without reading it. */
  record Found(String path, long size, long modifiedNanos) {}

  /**
   * A record folder as the walk saw it: where it is, and the digest of its files' names, sizes
   * and times (see {@link Folder}). That is all a scan needs of a record that did not change.
   */
  record Walked(String dir, String statDigest) {}

  /**
   * The records found directly in one folder, handed over together, with the digest of their
   * folders and stat digests: equal to the ledger's digest of that parent folder only when each
   * of its records is as the ledger knows it and the ledger knows no other record there.
   */
  record Batch(String parent, List<Walked> records, String digest) {
    static Batch of(String parent, List<Walked> records) {
      return new Batch(parent, records, digestOf(records));
    }
  }

  /** Returns the digest of a parent folder's records: their folders and stat digests. */
  static String digestOf(List<Walked> records) {
    List<Walked> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing(Walked::dir));
    StringBuilder lines = new StringBuilder(100 * sorted.size());
    for (Walked w : sorted) {
      lines.append(w.dir()).append('\0').append(w.statDigest()).append('\n');
    }
    return sha256(lines);
  }

  /** Returns the folder that {@code dir} lies in, as the walk names it; "" for none. */
  static String parentOf(String dir) {
    Path parent = Path.of(dir).getParent();
    return parent == null ? "" : parent.toString();
  }

  private static String sha256(CharSequence lines) {
    MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
    return HexFormat.of().formatHex(sha256.digest(lines.toString()
        .getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A record folder and every file of the record, by path inside it, with the SHA-256 of the
   * files' paths, sizes and times in path order: equal to the ledger's only when no file was
   * added, removed, resized or touched since. The walk computes it, on every core.
   */
  record Folder(Path dir, List<Found> files, String statDigest) {
    Folder(Path dir, List<Found> files) {
      this(dir, files, statDigest(files));
    }

    Path file(Found f) {
      return dir.resolve(f.path());
    }

    /** Returns this folder as the walk hands it over, without its files. */
    Walked walked() {
      return new Walked(dir.toString(), statDigest);
    }

    private static String statDigest(List<Found> files) {
      List<Found> sorted = new ArrayList<>(files);
      sorted.sort(Comparator.comparing(Found::path));
      // One line per file, hashed at once: the same bytes as hashing line by line.
      StringBuilder lines = new StringBuilder(64 * sorted.size());
      for (Found f : sorted) {
        lines.append(f.path()).append('\0').append(f.size()).append('\0')
            .append(f.modifiedNanos()).append('\n');
      }
      return sha256(lines);
    }
  }

  /**
   * Walks the record folder {@code dir} again, for its files; empty if it is no longer a
   * record. Records nested in it are left out, as in the walk of the whole tree.
   */
  static Optional<Folder> read(Path dir) throws IOException {
    Walk walk = new Walk(dir, batch -> { }, () -> false);
    try {
      ForkJoinPool.commonPool().invoke(walk);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return walk.record();
  }

  /**
   * Walks one folder: returns its files (with the paths from it) for the record around it, if
   * it is not a record itself, and hands the records found directly below it to
   * {@code records} as one {@link Batch}, once they are all walked: hand-overs between threads
   * are one per parent folder, not one per record. A record at the very top of the walk is left
   * to its caller, by {@link #record()}.
   */
  static final class Walk extends RecursiveTask<List<Found>> {
    private static final long serialVersionUID = 1L;
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private final transient Path dir;
    private final transient Consumer<Batch> records;
    private final transient BooleanSupplier isStopped;
    private transient Folder record;

    Walk(Path dir, Consumer<Batch> records, BooleanSupplier isStopped) {
      this.dir = dir;
      this.records = records;
      this.isStopped = isStopped;
    }

    /** Returns this folder as a record, once walked, if it is one. */
    Optional<Folder> record() {
      return Optional.ofNullable(record);
    }

    @Override
    protected List<Found> compute() {
      List<Found> files = new ArrayList<>();
      List<Walk> folders = new ArrayList<>();
      boolean isRecord = false;
      if (isStopped.getAsBoolean()) {
        return files;
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class,
              NO_FOLLOW);
          if (a.isDirectory()) {
            folders.add(new Walk(entry, records, isStopped));
          } else if (a.isRegularFile()) {
            // Cheaper than getFileName(), which parses the whole path into a new one.
            String path = entry.toString();
            String name = path.substring(
                path.lastIndexOf(entry.getFileSystem().getSeparator()) + 1);
            isRecord |= name.equals(METADATA);
            files.add(new Found(name, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<Walked> below = new ArrayList<>();
      for (Walk folder : invokeAll(folders)) {
        String prefix = folder.dir.getFileName() + "/";
        for (Found f : folder.join()) {
          files.add(new Found(prefix + f.path(), f.size(), f.modifiedNanos()));
        }
        folder.record().map(Folder::walked).ifPresent(below::add);
      }
      if (!below.isEmpty()) {
        records.accept(Batch.of(dir.toString(), below));
      }
      if (isRecord) {
        record = new Folder(dir, files);
        return List.of();
      }
      return files;
    }
  }

  private HoldingsTree() {}
}
