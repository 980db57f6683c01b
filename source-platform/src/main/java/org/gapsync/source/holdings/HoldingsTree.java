package org.gapsync.source.holdings;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The record folders of a holdings tree and their files: a folder holding {@code metadata.xml}
 * is a record; its files are everything below it except what lies in a nested record.
 */
final class HoldingsTree {
  /** A file found, with what a scan compares without reading it. */
  record Found(Path file, String path, long size, long modifiedNanos) {}

  private HoldingsTree() {}

  static Map<Path, List<Found>> walk(Path root) throws IOException {
    Map<Path, List<Found>> records = new TreeMap<>();
    List<Path> stack = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (Files.isRegularFile(dir.resolve("metadata.xml"))) {
          records.put(dir, new ArrayList<>());
          stack.add(dir);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!stack.isEmpty() && attrs.isRegularFile()) {
          Path record = stack.get(stack.size() - 1);
          String path = record.relativize(file).toString().replace(file.getFileSystem()
              .getSeparator(), "/");
          records.get(record).add(new Found(file, path, attrs.size(),
              attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        if (!stack.isEmpty() && stack.get(stack.size() - 1).equals(dir)) {
          stack.remove(stack.size() - 1);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return records;
  }
}
