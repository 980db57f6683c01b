package org.gapsync.format.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageId;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.PayloadSource;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SignatureProfile;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.format.syncpackage.PayloadFile;
import org.gapsync.format.syncpackage.RecordContent;
import org.gapsync.format.syncpackage.SyncPackageWriter;
import org.gapsync.format.syncpackage.TemplateRef;
import org.gapsync.format.syncpackage.WrittenPackage;

/** Keys, clocks and small packages shared by the tests of this library and its users. */
public final class Fixtures {
  /** The time every fixture is made at. */
  public static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
  /** A clock fixed at {@link #NOW}. */
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  /** The id of the source platform in fixtures. */
  public static final String SOURCE = "archive-lan";
  /** The id of the target platform in fixtures. */
  public static final String TARGET = "reading-room";

  private Fixtures() {}

  /** Returns a fresh key for {@code platform}, valid for ten years from {@link #NOW}. */
  public static SigningKey key(String platform) {
    return SigningKey.generate(platform, SignatureProfile.ECDSA_P256_SHA256, CLOCK,
        Duration.ofDays(3650));
  }

  /** Returns a trust store holding just {@code key}'s certificate as {@code id}. */
  public static TrustStore trusting(String id, SigningKey key) {
    return TrustStore.empty().with(id, key.certificate());
  }

  /** Returns the spec of package {@code seq} from the source to the target. */
  public static PackageSpec spec(long seq) {
    return new PackageSpec(PackageId.of(SOURCE + "-" + TARGET + "-" + seq), SOURCE, TARGET,
        new TemplateRef("reading-room", 1), seq,
        seq == 1 ? Optional.empty() : Optional.of(PackageId.of(SOURCE + "-" + TARGET + "-"
            + (seq - 1))), NOW, "archivist");
  }

  /** Returns a file of {@code text} to carry at {@code path} inside a record. */
  public static PayloadFile file(String path, String text) {
    return new PayloadFile(new PackagePath(path),
        PayloadSource.ofBytes(text.getBytes(StandardCharsets.UTF_8)), Optional.empty());
  }

  /** Returns three record changes: an add with two files, a modify, and a delete. */
  public static List<RecordContent> records() {
    return List.of(
        new RecordContent("A-2020-001", ChangeKind.ADD, 1, List.of(
            file("metadata.xml", "<record/>"),
            file("scans/page 1.txt", "the first page")), List.of()),
        new RecordContent("A-2020-002", ChangeKind.MODIFY, 3, List.of(
            file("notes.txt", "revised notes")), List.of(new PackagePath("old.txt"))),
        new RecordContent("A-2020-003", ChangeKind.DELETE, 2, List.of(), List.of()));
  }

  /** Writes the {@link #records()} package signed by {@code key} into {@code dir}. */
  public static WrittenPackage writePackage(SigningKey key, ContainerFormat format, Path dir)
      throws IOException {
    return writer(key, format).write(spec(1), records(), dir);
  }

  /** Returns a package writer signing with {@code key} at {@link #NOW}, not forcing to disk. */
  public static SyncPackageWriter writer(SigningKey key, ContainerFormat format) {
    return new SyncPackageWriter(new PackageSigner(key, CLOCK), format,
        new ContainerWriter.Options(false, NOW), 2);
  }

  /** Returns the text of a file. */
  public static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
