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
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.gapsync.format.DigestAlgorithm;

/**
 * The record folders of a holdings tree and their files: a folder holding {@code metadata.xml}
 * is a record; its files are everything below it except what lies in a nested record. Folders
 * are walked in parallel, as fork-join tasks, and each record is handed on as soon as its folder
 * has been walked, so that memory holds the folders being walked, not the tree. Symbolic links
 * are not followed.
 */
final class HoldingsTree {
  static final String METADATA = "metadata.xml";

  /** A file found, with what a scan compares without reading it. */
  record Found(String path, long size, long modifiedNanos) {}

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

    private static String statDigest(List<Found> files) {
      MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
      files.stream().sorted(Comparator.comparing(Found::path)).forEach(f -> sha256.update(
          (f.path() + '\0' + f.size() + '\0' + f.modifiedNanos() + '\n')
              .getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha256.digest());
    }
  }

  /**
   * Walks one folder: hands it to {@code records} if it is a record, and otherwise returns its
   * files (with the paths from it) for the record around it, if there is one.
   */
  static final class Walk extends RecursiveTask<List<Found>> {
    private static final long serialVersionUID = 1L;
    private final transient Path dir;
    private final transient Consumer<Folder> records;
    private final transient BooleanSupplier isStopped;

    Walk(Path dir, Consumer<Folder> records, BooleanSupplier isStopped) {
      this.dir = dir;
      this.records = records;
      this.isStopped = isStopped;
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
              LinkOption.NOFOLLOW_LINKS);
          if (a.isDirectory()) {
            folders.add(new Walk(entry, records, isStopped));
          } else if (a.isRegularFile()) {
            String name = entry.getFileName().toString();
            isRecord |= name.equals(METADATA);
            files.add(new Found(name, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (Walk folder : invokeAll(folders)) {
        String prefix = folder.dir.getFileName() + "/";
        for (Found f : folder.join()) {
          files.add(new Found(prefix + f.path(), f.size(), f.modifiedNanos()));
        }
      }
      if (isRecord) {
        records.accept(new Folder(dir, files));
        return List.of();
      }
      return files;
    }
  }

  private HoldingsTree() {}
}
