package org.gapsync.format.golden;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackagePath;
import org.gapsync.format.Volume;
import org.gapsync.format.bag.PayloadSource;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.container.Seal;
import org.gapsync.format.receipt.DamageReport;
import org.gapsync.format.receipt.GapNotice;
import org.gapsync.format.receipt.DamagedRecord;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.receipt.PropertyCheck;
import org.gapsync.format.receipt.QualityProperty;
import org.gapsync.format.receipt.Receipt;
import org.gapsync.format.receipt.ReceiptWriter;
import org.gapsync.format.receipt.RecordOutcome;
import org.gapsync.format.receipt.RecordResult;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SignatureProfile;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.format.syncpackage.PayloadFile;
import org.gapsync.format.syncpackage.RecordContent;
import org.gapsync.format.syncpackage.SyncPackageWriter;
import org.gapsync.format.testing.Fixtures;

/**
 * The golden packages and receipts: one set per format version, written once by the version
 * that introduced it and kept in {@code src/test/resources/golden/VERSION/} for ever, so that
 * every later build proves it still opens what earlier ones put on shelves. Never write a
 * version's set again (the keys are fresh each time); a new format version adds a new set.
 *
 * <pre>{@code
 * ./mvnw -q -pl package-format test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp package-format/target/test-classes:package-format/target/classes:$(cat cp.txt) \
 *     org.gapsync.format.golden.GoldenPackages package-format/src/test/resources/golden/1.1
 * }</pre>
 */
public final class GoldenPackages {
  /** The passphrase of every golden key file. */
  static final char[] PASSPHRASE = "golden".toCharArray();
  /** The text of the record's first page, whose digest the tests know. */
  static final String PAGE = "the first page";
  /** The three crypto profiles, each a folder of the set: its name and its keys' profile. */
  static final Map<String, SignatureProfile> PROFILES = Map.of(
      "international", SignatureProfile.ECDSA_P256_SHA256,
      "national", SignatureProfile.SM2_SM3,
      "rsa", SignatureProfile.RSA_3072_SHA256);

  private GoldenPackages() {}

  /** Writes a new golden set into the folder {@code args[0]}, which must not exist yet. */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    if (Files.exists(root)) {
      throw new IOException(root + " exists: a golden set is written once and kept");
    }
    for (var profile : PROFILES.entrySet()) {
      write(Files.createDirectories(root.resolve(profile.getKey())), profile.getValue());
    }
  }

  /** The records every golden package carries: an add, a modify and a delete. */
  static List<RecordContent> records() {
    return List.of(
        new RecordContent("A-2020-001", ChangeKind.ADD, 1, List.of(
            Fixtures.file("metadata.xml", "<record/>"),
            Fixtures.file("scans/page 1.txt", PAGE),
            Fixtures.file("说明/题名.txt", "城市档案馆 1987")), List.of()),
        new RecordContent("A-2020-002", ChangeKind.MODIFY, 3, List.of(
            Fixtures.file("notes.txt", "revised notes")), List.of(new PackagePath("old.txt"))),
        new RecordContent("A-2020-003", ChangeKind.DELETE, 2, List.of(), List.of()));
  }

  private static void write(Path dir, SignatureProfile profile) throws IOException {
    SigningKey source = SigningKey.generate(Fixtures.SOURCE, profile, Fixtures.CLOCK,
        Duration.ofDays(3650));
    SigningKey target = SigningKey.generate(Fixtures.TARGET, profile, Fixtures.CLOCK,
        Duration.ofDays(3650));
    source.store(dir.resolve("source.p12"), PASSPHRASE);
    target.store(dir.resolve("target.p12"), PASSPHRASE);
    Certificates.writePem(source.certificate(), dir.resolve("source.pem"));
    Certificates.writePem(target.certificate(), dir.resolve("target.pem"));
    PackageSpec spec = Fixtures.spec(1);
    ContainerWriter.Options options = new ContainerWriter.Options(false, Fixtures.NOW);
    for (ContainerFormat format : ContainerFormat.values()) {
      Path folder = Files.createDirectories(dir.resolve("package-" + name(format)));
      new SyncPackageWriter(new PackageSigner(source, Fixtures.CLOCK), format, options, 1)
          .write(spec, records(), folder);
    }
    new SyncPackageWriter(new PackageSigner(source, Fixtures.CLOCK), ContainerFormat.TAR,
        options, 1, EnvelopeWriter.to(target.certificate()))
        .write(spec, records(), Files.createDirectories(dir.resolve("package-sealed")));
    Path receipts = Files.createDirectories(dir.resolve("receipt-tar"));
    Path receipt = new ReceiptWriter(new PackageSigner(target, Fixtures.CLOCK),
        ContainerFormat.TAR, options).write(receipt(spec), Map.of(), receipts);
    Path sealed = Files.createDirectories(dir.resolve("receipt-sealed"));
    Seal seal = EnvelopeWriter.to(source.certificate());
    try (OutputStream out = seal.wrap(Files.newOutputStream(sealed.resolve(
        receipt.getFileName() + seal.extension())))) {
      Files.copy(receipt, out);
    }
    writeDamageReport(dir, target);
    writeVolumes(dir, source, target);
    writeParts(dir, source);
    writeGapNotice(dir, target);
  }

  /**
   * Writes the golden set of volumes into {@code dir}'s {@code volumes-tar}: the golden records
   * as two volumes of one package (the first record on volume 1, the others on volume 2), and
   * the receipt of volume 2 into {@code volume-receipt-tar}. Volumes came with format 1.2.
   */
  static void writeVolumes(Path dir, SigningKey source, SigningKey target) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("volumes-tar"));
    ContainerWriter.Options options = new ContainerWriter.Options(false, Fixtures.NOW);
    List<RecordContent> records = records();
    PackageSpec spec = Fixtures.spec(1);
    SyncPackageWriter writer = new SyncPackageWriter(new PackageSigner(source, Fixtures.CLOCK),
        ContainerFormat.TAR, options, 1);
    writer.write(spec.withVolume(new Volume(1, 2)), records.subList(0, 1), folder);
    writer.write(spec.withVolume(new Volume(2, 2)), records.subList(1, 3), folder);
    new ReceiptWriter(new PackageSigner(target, Fixtures.CLOCK), ContainerFormat.TAR, options)
        .write(volumeReceipt(spec), Map.of(), Files.createDirectories(dir.resolve(
            "volume-receipt-tar")));
  }

  /** The golden file carried in parts: 10,000 bytes, the same every time. */
  public static byte[] film() {
    byte[] film = new byte[10_000];
    for (int i = 0; i < film.length; i++) {
      film[i] = (byte) (i * 31 + 7);
    }
    return film;
  }

  /**
   * Writes into {@code dir}'s {@code parts-tar} a set of two volumes whose one record,
   * {@code A-2020-009}, spans both: its metadata and the first 6,144 bytes of {@code film.bin}
   * on volume 1, the rest of the film on volume 2. Parts came with format 1.2, after its first
   * sets: {@link AddParts} added them to those.
   */
  static void writeParts(Path dir, SigningKey source) throws IOException {
    Path folder = dir.resolve("parts-tar");
    if (Files.exists(folder)) {
      throw new IOException(folder + " exists: a golden file is written once and kept");
    }
    Files.createDirectories(folder);
    byte[] film = film();
    FileState whole = new FileState(new PackagePath("film.bin"), film.length, Digest.of(
        DigestAlgorithm.SHA256, film));
    byte[] metadata = records().get(0).files().stream().filter(f -> f.path().value().equals(
        "metadata.xml")).findFirst().orElseThrow().source().open().readAllBytes();
    List<PayloadFile> first = List.of(new PayloadFile(new PackagePath("metadata.xml"),
        PayloadSource.ofBytes(metadata), Optional.empty()), part(film, 1, 0, 6144, whole));
    List<PayloadFile> second = List.of(part(film, 2, 6144, film.length - 6144, whole));
    PackageSpec spec = Fixtures.spec(1);
    SyncPackageWriter writer = new SyncPackageWriter(new PackageSigner(source, Fixtures.CLOCK),
        ContainerFormat.TAR, new ContainerWriter.Options(false, Fixtures.NOW), 1);
    writer.write(spec.withVolume(new Volume(1, 2)), List.of(new RecordContent("A-2020-009",
        ChangeKind.ADD, 1, first, List.of(), 2)), folder);
    writer.write(spec.withVolume(new Volume(2, 2)), List.of(new RecordContent("A-2020-009",
        ChangeKind.ADD, 1, second, List.of(), 2)), folder);
  }

  private static PayloadFile part(byte[] film, int number, int offset, int size,
      FileState whole) {
    return new PayloadFile(whole.path(), PayloadSource.ofBytes(java.util.Arrays.copyOfRange(
        film, offset, offset + size)), Optional.empty(), Optional.of(new PayloadFile.Part(
            number, 2, offset, whole)));
  }

  /** Adds the golden set of volumes with a file in parts to the existing set {@code args[0]}. */
  static final class AddParts {
    public static void main(String[] args) throws IOException {
      Path set = Path.of(args[0]);
      writeParts(set, SigningKey.load(set.resolve("source.p12"), PASSPHRASE));
    }
  }

  /**
   * Writes the golden gap notice into {@code dir}'s {@code gap-notice-tar}, signed by the set's
   * {@code target} key. Gap notices came with format 1.2.
   */
  static void writeGapNotice(Path dir, SigningKey target) throws IOException {
    Path folder = dir.resolve("gap-notice-tar");
    if (Files.exists(folder)) {
      throw new IOException(folder + " exists: a golden file is written once and kept");
    }
    new ReceiptWriter(new PackageSigner(target, Fixtures.CLOCK), ContainerFormat.TAR,
        new ContainerWriter.Options(false, Fixtures.NOW)).write(gapNotice(), Map.of(),
        Files.createDirectories(folder));
  }

  /** Adds the golden gap notice to the existing set {@code args[0]}. */
  static final class AddGapNotice {
    public static void main(String[] args) throws IOException {
      Path set = Path.of(args[0]);
      writeGapNotice(set, SigningKey.load(set.resolve("target.p12"), PASSPHRASE));
    }
  }

  /** Returns the gap notice the target signs: package 3 came, 2 did not. */
  public static GapNotice gapNotice() {
    return GapNotice.of(Fixtures.SOURCE, Fixtures.TARGET, Fixtures.NOW, "operator", 1,
        List.of(2L), List.of(new GapNotice.Held(3, Fixtures.spec(3).packageId())));
  }

  /** Returns the receipt the target signs for volume 2 of the golden set of volumes. */
  public static Receipt volumeReceipt(PackageSpec spec) {
    Receipt whole = receipt(spec);
    return Receipt.answering(spec.packageId(), Fixtures.SOURCE, 1, new Volume(2, 2))
        .by(Fixtures.TARGET, Fixtures.NOW, "operator").outcome(PackageOutcome.ACCEPTED)
        .checks(whole.checks()).records(whole.records().subList(1, 3)).build();
  }

  /**
   * Writes the golden damage report into {@code dir}'s {@code damage-report-tar}, signed by the
   * set's {@code target} key. Damage reports came with format 1.1: its sets gained one, written
   * with the key already in the set; {@code args[0]} names such a set.
   */
  static void writeDamageReport(Path dir, SigningKey target) throws IOException {
    Path folder = dir.resolve("damage-report-tar");
    if (Files.exists(folder)) {
      throw new IOException(folder + " exists: a golden file is written once and kept");
    }
    new ReceiptWriter(new PackageSigner(target, Fixtures.CLOCK), ContainerFormat.TAR,
        new ContainerWriter.Options(false, Fixtures.NOW)).write(damageReport(), Map.of(),
        Files.createDirectories(folder));
  }

  /** Adds the golden damage report to the existing set {@code args[0]}. */
  static final class AddDamageReport {
    public static void main(String[] args) throws IOException {
      Path set = Path.of(args[0]);
      writeDamageReport(set, SigningKey.load(set.resolve("target.p12"), PASSPHRASE));
    }
  }

  /** Returns the damage report the target signs: the golden package's first record damaged. */
  public static DamageReport damageReport() {
    FileState page = new FileState(new PackagePath("scans/page 1.txt"), PAGE.length(),
        Digest.of(DigestAlgorithm.SHA256, PAGE.getBytes(StandardCharsets.UTF_8)));
    return DamageReport.of(Fixtures.SOURCE, Fixtures.TARGET, Fixtures.NOW, "operator", 1,
        List.of(new DamagedRecord("A-2020-001", 1, List.of("说明/题名.txt: missing: ledger has "
            + "sha256 … from package archive-lan-reading-room-1"), List.of(page))));
  }

  private static String name(ContainerFormat format) {
    return format.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns the receipt the target signs for the golden package: every record applied. */
  public static Receipt receipt(PackageSpec spec) {
    FileState page = new FileState(new PackagePath("scans/page 1.txt"), PAGE.length(),
        Digest.of(DigestAlgorithm.SHA256, PAGE.getBytes(StandardCharsets.UTF_8)));
    return new Receipt(spec.packageId().receipt(), spec.packageId(),
        Fixtures.SOURCE, Fixtures.TARGET, 1, Fixtures.NOW, "operator",
        PackageOutcome.ACCEPTED, List.of(),
        List.of(new PropertyCheck(QualityProperty.AUTHENTICITY, true, "signature valid")),
        List.of(new RecordResult("A-2020-001", 1, RecordOutcome.APPLIED, Optional.empty(),
                List.of(page)),
            new RecordResult("A-2020-002", 3, RecordOutcome.APPLIED, Optional.empty(),
                List.of()),
            new RecordResult("A-2020-003", 2, RecordOutcome.APPLIED, Optional.empty(),
                List.of())));
  }
}
