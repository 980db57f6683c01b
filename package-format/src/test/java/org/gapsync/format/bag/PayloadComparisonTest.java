package org.gapsync.format.bag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.RecordContent;
import org.gapsync.format.syncpackage.SyncPackageKind;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.format.testing.Tamper;
import org.gapsync.format.validation.Finding;
import org.gapsync.format.validation.FindingCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The payload manifest, the header's files and the container's compared as they are read: in
 * one order, in different orders, and with files one of them lacks, each named exactly once.
 */
class PayloadComparisonTest {
  private static final SigningKey KEY = Fixtures.key(Fixtures.SOURCE);
  private static final TrustStore TRUST = Fixtures.trusting(Fixtures.SOURCE, KEY);
  private static final int RECORDS = 600;

  private static Path write(ContainerFormat format, Path dir) throws IOException {
    List<RecordContent> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      records.add(new RecordContent(String.format("A-%05d", i), ChangeKind.ADD, 1, List.of(
          Fixtures.file("metadata.xml", "<record n='" + i + "'/>"),
          Fixtures.file("scan.txt", "page " + i)), List.of()));
    }
    return Fixtures.writer(KEY, format).write(Fixtures.spec(1), records, dir).path();
  }

  private static Verification<?> verify(Path bag) throws IOException {
    return new BagVerifier(TRUST, 2).verify(bag, SyncPackageKind.INSTANCE);
  }

  /** Changes the lines of a folder bag's payload manifest and signs the bag again. */
  private static List<String> resealManifest(Path bag,
      java.util.function.Consumer<List<String>> change) throws IOException {
    Path manifest = bag.resolve("manifest-sha256.txt");
    List<String> lines = new ArrayList<>(Files.readAllLines(manifest));
    change.accept(lines);
    Files.write(manifest, lines);
    Tamper.reseal(bag, KEY);
    return lines;
  }

  private static List<Finding> of(Verification<?> v, FindingCode code) {
    return v.report().findings().stream().filter(f -> f.code() == code).toList();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContainerFormat.class)
  void aPackageOfManyFilesInOneOrderVerifies(ContainerFormat format, @TempDir Path dir)
      throws IOException {
    Verification<?> v = verify(write(format, dir));

    assertTrue(v.isValid(), () -> v.report().findings().toString());
  }

  @Test
  void aManifestInAnotherOrderThanTheHeaderStillComparesEveryFile(@TempDir Path dir)
      throws IOException {
    Path bag = write(ContainerFormat.DIRECTORY, dir);
    resealManifest(bag, Collections::reverse);
    Verification<?> reversed = verify(bag);
    assertTrue(reversed.isValid(), () -> reversed.report().findings().toString());

    Tamper.flipByte(bag.resolve("data/A-00007/scan.txt"), 1);
    Verification<?> v = verify(bag);

    assertEquals(List.of("data/A-00007/scan.txt"), of(v, FindingCode.DIGEST_MISMATCH).stream()
        .map(Finding::path).toList());
  }

  @Test
  void aFileNeitherListsIsNamedOnceForEachThatLacksIt(@TempDir Path dir) throws IOException {
    Path bag = write(ContainerFormat.DIRECTORY, dir);
    Tamper.write(bag.resolve("data/A-00500/extra.txt"), new byte[3]);

    Verification<?> v = verify(bag);

    assertEquals(List.of("data/A-00500/extra.txt"), of(v, FindingCode.FILE_UNLISTED).stream()
        .map(Finding::path).toList());
    assertEquals(List.of("data/A-00500/extra.txt"), of(v, FindingCode.PAYLOAD_NOT_IN_HEADER)
        .stream().map(Finding::path).toList());
    assertEquals(List.of(), of(v, FindingCode.DIGEST_MISMATCH));
  }

  @Test
  void aFileListedAndDeclaredButGoneIsMissingOnce(@TempDir Path dir) throws IOException {
    Path bag = write(ContainerFormat.DIRECTORY, dir);
    Files.delete(bag.resolve("data/A-00599/scan.txt"));

    Verification<?> v = verify(bag);

    assertEquals(List.of("data/A-00599/scan.txt"), of(v, FindingCode.FILE_MISSING).stream()
        .map(Finding::path).toList());
    assertEquals(1, of(v, FindingCode.PAYLOAD_OXUM_MISMATCH).size());
  }

  @Test
  void aManifestThatListsAFileTwiceIsMalformedAtThatLine(@TempDir Path dir)
      throws IOException {
    Path bag = write(ContainerFormat.DIRECTORY, dir);
    List<String> lines = resealManifest(bag, l -> l.add(l.get(10)));

    Verification<?> v = verify(bag);

    assertEquals(List.of("manifest-sha256.txt:" + lines.size() + ": " + lines.get(10)
        .substring(lines.get(10).indexOf("  ") + 2) + " is listed twice"),
        of(v, FindingCode.MANIFEST_MALFORMED).stream().map(Finding::message).toList());
  }

  @Test
  void aFolderReachedThroughALinkInAFolderPackageIsNeverRead(@TempDir Path dir)
      throws IOException {
    Path bag = write(ContainerFormat.DIRECTORY, Files.createDirectory(dir.resolve("media")));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path record = bag.resolve("data/A-00003");
    for (String name : List.of("metadata.xml", "scan.txt")) {
      Files.move(record.resolve(name), outside.resolve(name));
    }
    Files.delete(record);
    Files.createSymbolicLink(record, outside);

    Verification<?> v = verify(bag);

    assertEquals(List.of("data/A-00003"), of(v, FindingCode.LINK_ENTRY).stream()
        .map(Finding::path).toList());
    assertEquals(List.of("data/A-00003/metadata.xml", "data/A-00003/scan.txt"),
        of(v, FindingCode.FILE_MISSING).stream().map(Finding::path).toList());
  }
}
