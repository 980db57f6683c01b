package org.gapsync.format.bag;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.signature.SignatureProfile;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.SyncPackageKind;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.format.testing.Tamper;
import org.gapsync.format.validation.FindingCode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken and hostile sync packages: each is refused with its own finding code, as a report and
 * never as an exception.
 */
class HostileBagTest {
  private static final SigningKey SOURCE_KEY = Fixtures.key(Fixtures.SOURCE);
  private static final SigningKey STRANGER_KEY = Fixtures.key("stranger");
  private static final String HEADER = "sync/package.xml";
  private static final String PAGE = "data/A-2020-001/scans/page 1.txt";

  /** Turns a freshly written folder package into the case under test; returns what to verify. */
  @FunctionalInterface
  interface Attack {
    Path apply(Path bag, Path scratch) throws Exception;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        folder("tampered payload byte", FindingCode.DIGEST_MISMATCH,
            bag -> Tamper.flipByte(bag.resolve(PAGE), 3)),
        folder("edited header", FindingCode.DIGEST_MISMATCH,
            bag -> Tamper.edit(bag.resolve(HEADER), "archivist", "intruder")),
        folder("removed payload file", FindingCode.FILE_MISSING,
            bag -> Files.delete(bag.resolve(PAGE))),
        folder("extra payload file", FindingCode.FILE_UNLISTED,
            bag -> Tamper.write(bag.resolve("data/A-2020-001/extra.txt"), new byte[3])),
        folder("extra payload file is not in the header", FindingCode.PAYLOAD_NOT_IN_HEADER,
            bag -> Tamper.write(bag.resolve("data/A-2020-001/extra.txt"), new byte[3])),
        folder("extra tag file", FindingCode.FILE_UNLISTED,
            bag -> Tamper.write(bag.resolve("sync/readme.txt"), new byte[3])),
        folder("missing bagit.txt", FindingCode.BAGIT_DECLARATION_INVALID,
            bag -> Files.delete(bag.resolve("bagit.txt"))),
        folder("old BagIt version", FindingCode.BAGIT_DECLARATION_INVALID,
            bag -> Tamper.edit(bag.resolve("bagit.txt"), "1.0", "0.97")),
        folder("missing bag-info.txt", FindingCode.BAG_INFO_INVALID,
            bag -> Files.delete(bag.resolve("bag-info.txt"))),
        folder("edited Payload-Oxum", FindingCode.PAYLOAD_OXUM_MISMATCH,
            bag -> editResealed(bag, "bag-info.txt", "Payload-Oxum: ", "Payload-Oxum: 1")),
        folder("malformed bag-info.txt", FindingCode.BAG_INFO_INVALID,
            bag -> Files.writeString(bag.resolve("bag-info.txt"), "no label here\n")),
        folder("missing payload manifest", FindingCode.MANIFEST_MISSING,
            bag -> Files.delete(bag.resolve("manifest-sha256.txt"))),
        folder("malformed manifest line", FindingCode.MANIFEST_MALFORMED,
            bag -> Files.writeString(bag.resolve("manifest-sha256.txt"), "xyz\n")),
        folder("manifest path escaping the bag", FindingCode.MANIFEST_MALFORMED,
            bag -> Files.writeString(bag.resolve("manifest-sha256.txt"),
                "0".repeat(64) + "  data/../../etc/passwd\n")),
        folder("missing tag manifest", FindingCode.MANIFEST_MISSING,
            bag -> Files.delete(bag.resolve("tagmanifest-sha256.txt"))),
        folder("missing signature", FindingCode.SIGNATURE_MISSING,
            bag -> Files.delete(bag.resolve("sync/signature.p7s"))),
        folder("garbage signature", FindingCode.SIGNATURE_INVALID,
            bag -> Files.write(bag.resolve("sync/signature.p7s"), new byte[] {0x30, 0x03, 1})),
        folder("signature over other content", FindingCode.SIGNATURE_INVALID,
            bag -> Tamper.edit(bag.resolve("tagmanifest-sha256.txt"), "bagit.txt",
                "bagit.txt\n")),
        folder("signed by an unknown key", FindingCode.SIGNER_UNTRUSTED,
            bag -> Tamper.reseal(bag, STRANGER_KEY)),
        folder("forged payload, consistent manifests, re-signed by an unknown key",
            FindingCode.SIGNER_UNTRUSTED, bag -> {
              Tamper.flipByte(bag.resolve(PAGE), 0);
              Tamper.rebuildManifest(bag);
              Tamper.reseal(bag, STRANGER_KEY);
            }),
        folder("signed by an expired certificate", FindingCode.SIGNER_CERTIFICATE_EXPIRED,
            bag -> Tamper.reseal(bag, expiredKey())),
        folder("missing header", FindingCode.HEADER_MISSING,
            bag -> Files.delete(bag.resolve(HEADER))),
        folder("header with a DTD and an external entity", FindingCode.HEADER_INVALID,
            bag -> editResealed(bag, HEADER, "<syncPackage",
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<syncPackage")),
        folder("header of an unknown format version", FindingCode.HEADER_VERSION_UNSUPPORTED,
            bag -> editResealed(bag, HEADER, "formatVersion=\"1.1\"", "formatVersion=\"2.0\"")),
        folder("header invalid against its schema", FindingCode.HEADER_INVALID,
            bag -> editResealed(bag, HEADER, "<sequence>1</sequence>", "<sequence>0</sequence>")),
        folder("header not well-formed", FindingCode.HEADER_INVALID,
            bag -> editResealed(bag, HEADER, "</syncPackage>", "</syncPackag>")),
        folder("header file path climbing out", FindingCode.HEADER_INVALID,
            bag -> editResealed(bag, HEADER, "path=\"notes.txt\"", "path=\"../../notes.txt\"")),
        folder("header digest differs from manifest", FindingCode.HEADER_MISMATCH,
            bag -> {
              Path header = bag.resolve(HEADER);
              String text = Files.readString(header);
              int at = text.indexOf("size=\"13\" sha256=\"") + "size=\"13\" sha256=\"".length();
              char other = text.charAt(at) == '0' ? '1' : '0';
              Files.writeString(header, text.substring(0, at) + other + text.substring(at + 1));
              Tamper.reseal(bag, SOURCE_KEY);
            }),
        folder("header size differs from the file", FindingCode.HEADER_MISMATCH,
            bag -> editResealed(bag, HEADER, "size=\"13\"", "size=\"99\"")),
        folder("header names a file the package lacks", FindingCode.HEADER_FILE_MISSING,
            bag -> editResealed(bag, HEADER, "path=\"notes.txt\"", "path=\"other.txt\"")),
        folder("bag-info names another package", FindingCode.HEADER_MISMATCH,
            bag -> editResealed(bag, "bag-info.txt", "External-Identifier: archive",
                "External-Identifier: other-archive")),
        folder("symbolic link in the payload", FindingCode.LINK_ENTRY, bag -> {
          Files.delete(bag.resolve(PAGE));
          Files.createSymbolicLink(bag.resolve(PAGE), Path.of("/etc/passwd"));
        }),
        tar("truncated tar", FindingCode.CONTAINER_UNREADABLE, List.of(), true),
        tar("tar entry climbing out with ..", FindingCode.UNSAFE_PATH,
            List.of(Tamper.file("pkg/data/../../evil.txt", 4)), false),
        tar("tar entry with an absolute path", FindingCode.UNSAFE_PATH,
            List.of(Tamper.file("pkg//etc/cron.d/evil", 4)), false),
        tar("tar entry with a Windows drive letter", FindingCode.UNSAFE_PATH,
            List.of(Tamper.file("pkg/C:/evil.txt", 4)), false),
        tar("tar entry with a backslash", FindingCode.UNSAFE_PATH,
            List.of(Tamper.file("pkg/data\\..\\evil.txt", 4)), false),
        tar("tar symbolic link", FindingCode.LINK_ENTRY,
            List.of(Tamper.special("pkg/data/link", TarArchiveEntry.LF_SYMLINK)), false),
        tar("tar hard link", FindingCode.LINK_ENTRY,
            List.of(Tamper.special("pkg/data/link", TarArchiveEntry.LF_LINK)), false),
        tar("tar character device", FindingCode.SPECIAL_ENTRY,
            List.of(Tamper.special("pkg/data/dev", TarArchiveEntry.LF_CHR)), false),
        tar("tar fifo", FindingCode.SPECIAL_ENTRY,
            List.of(Tamper.special("pkg/data/fifo", TarArchiveEntry.LF_FIFO)), false),
        tar("tar duplicate entry", FindingCode.DUPLICATE_ENTRY,
            List.of(Tamper.file("pkg/" + PAGE, 4)), false),
        tar("tar names differing only by case", FindingCode.NAME_COLLISION,
            List.of(Tamper.file("pkg/data/A-2020-001/SCANS/page 1.txt", 4)), false),
        tar("tar names differing only by Unicode normalization", FindingCode.NAME_COLLISION,
            List.of(Tamper.file("pkg/data/caf\u00e9.txt", 1),
                Tamper.file("pkg/data/cafe\u0301.txt", 1)), false),
        Arguments.of("zip bomb", FindingCode.EXPANSION_LIMIT, (Attack) (bag, scratch) ->
            zip(bag, scratch.resolve("bomb.zip"), true), (Attack) (bag, scratch) ->
            zip(bag, scratch.resolve("control.zip"), false)),
        // A file that is no container has no untouched form of its own: the package is it.
        Arguments.of("not a container at all", FindingCode.CONTAINER_UNREADABLE,
            (Attack) (bag, scratch) -> {
              Path junk = scratch.resolve("junk.bin");
              Files.write(junk, new byte[] {1, 2, 3});
              return junk;
            }, (Attack) (bag, scratch) -> bag));
  }

  /**
   * Verifies the package in the container form the case uses, untouched, then with the case's
   * change: the first is valid, so the finding is the change's doing and nothing else's.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesWithItsOwnFinding(String name, FindingCode expected, Attack attack,
      Attack untouched, @TempDir Path dir) throws Exception {
    Path media = Files.createDirectory(dir.resolve("media"));
    Path bag = Fixtures.writePackage(SOURCE_KEY, ContainerFormat.DIRECTORY, media).path();
    TrustStore trust = Fixtures.trusting(Fixtures.SOURCE, SOURCE_KEY);
    Verification<?> control = new BagVerifier(trust, 2).verify(untouched.apply(bag, dir),
        SyncPackageKind.INSTANCE);
    assertTrue(control.isValid(), () -> "untouched: " + control.report().findings());

    Path target = attack.apply(bag, dir);
    Verification<?> v = new BagVerifier(trust, 2).verify(target, SyncPackageKind.INSTANCE);

    assertFalse(v.isValid(), name);
    assertTrue(v.report().has(expected), () -> "expected " + expected + " among "
        + v.report().findings());
    v.report().findings().forEach(f -> assertFalse(f.message().isBlank(), f::toString));
  }

  private interface FolderAttack {
    void apply(Path bag) throws Exception;
  }

  private static Arguments folder(String name, FindingCode code, FolderAttack attack) {
    return Arguments.of(name, code, (Attack) (bag, scratch) -> {
      attack.apply(bag);
      return bag;
    }, (Attack) (bag, scratch) -> bag);
  }

  private static Arguments tar(String name, FindingCode code, List<TarArchiveEntry> extra,
      boolean truncate) {
    return Arguments.of(name, code, (Attack) (bag, scratch) -> {
      Path tar = Tamper.tar(bag, scratch.resolve("pkg.tar"), extra);
      if (truncate) {
        byte[] bytes = Files.readAllBytes(tar);
        Files.write(tar, java.util.Arrays.copyOf(bytes, bytes.length / 2 + 100));
      }
      return tar;
    }, (Attack) (bag, scratch) -> Tamper.tar(bag, scratch.resolve("control.tar"), List.of()));
  }

  private static void editResealed(Path bag, String file, String from, String to)
      throws IOException {
    Tamper.edit(bag.resolve(file), from, to);
    Tamper.reseal(bag, SOURCE_KEY);
  }

  private static SigningKey expiredKey() {
    Clock longAgo = Clock.fixed(Fixtures.NOW.minus(Duration.ofDays(800)), ZoneOffset.UTC);
    return SigningKey.generate(Fixtures.SOURCE, SignatureProfile.ECDSA_P256_SHA256, longAgo,
        Duration.ofDays(365));
  }

  /** Writes the bag as a zip, with 64 MiB of zeros beside its files if {@code bomb}. */
  private static Path zip(Path bag, Path zip, boolean bomb) throws IOException {
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      try (Stream<Path> files = Files.walk(bag)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          out.putArchiveEntry(new ZipArchiveEntry("pkg/" + bag.relativize(f)));
          Files.copy(f, out);
          out.closeArchiveEntry();
        }
      }
      if (bomb) {
        out.putArchiveEntry(new ZipArchiveEntry("pkg/data/A-2020-001/zeros.bin"));
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 64; i++) {
          out.write(zeros);
        }
        out.closeArchiveEntry();
      }
    }
    Files.writeString(zip.resolveSibling("note.txt"), "64 MiB of zeros", StandardCharsets.UTF_8);
    return zip;
  }
}
