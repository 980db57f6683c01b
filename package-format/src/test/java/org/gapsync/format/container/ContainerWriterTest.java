package org.gapsync.format.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.DigestMismatchException;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.PayloadSource;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.PayloadFile;
import org.gapsync.format.syncpackage.RecordContent;
import org.gapsync.format.testing.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContainerWriterTest {
  private final SigningKey key = Fixtures.key(Fixtures.SOURCE);

  private static List<Path> list(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void leavesNothingWhenNotCommitted(ContainerFormat format, @TempDir Path dir)
      throws Exception {
    try (ContainerWriter out = ContainerWriter.create(format, dir, "pkg",
        ContainerWriter.Options.DEFAULT)) {
      try (OutputStream entry = out.newEntry(new PackagePath("data/a.txt"), 3)) {
        entry.write(new byte[3]);
      }
    }

    assertEquals(List.of(), list(dir));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void neverOverwritesAPackage(ContainerFormat format, @TempDir Path dir) throws Exception {
    Fixtures.writePackage(key, format, dir);

    PackageFormatException e = assertThrows(PackageFormatException.class,
        () -> Fixtures.writePackage(key, format, dir));

    assertEquals(1, list(dir).size(), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void contentThatChangedSinceScanLeavesNoPackage(ContainerFormat format, @TempDir Path dir)
      throws Exception {
    PayloadFile stale = new PayloadFile(new PackagePath("a.txt"),
        PayloadSource.ofBytes(new byte[] {1, 2}),
        Optional.of(Digest.of(DigestAlgorithm.SHA256, new byte[] {1})));
    List<RecordContent> records = List.of(new RecordContent("A-1", ChangeKind.ADD, 1,
        List.of(stale), List.of()));

    assertThrows(DigestMismatchException.class,
        () -> Fixtures.writer(key, format).write(Fixtures.spec(1), records, dir));

    assertEquals(List.of(), list(dir));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void refusesAMissingMedium(ContainerFormat format, @TempDir Path dir) {
    assertThrows(java.nio.file.NoSuchFileException.class,
        () -> Fixtures.writePackage(key, format, dir.resolve("not-mounted")));
  }
}
