package org.gapsync.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.home.PlatformKind;
import org.gapsync.platform.ledger.TestLedgers;
import org.gapsync.source.cli.SourceCommand;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.SyncRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build leaves behind when the medium fails under it: no package and no ledger change. */
class PackageBuilderTest {
  static final Path EXAMPLES = Path.of("..", "docs", "examples").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  PlatformHome home;

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
    Path cert = dir.resolve("backup.pem");
    Certificates.writePem(Fixtures.key("backup").certificate(), cert);
    FileTrees.copy(EXAMPLES.resolve("holdings"), dir.resolve("holdings"));
    cli(TestLedgers.init("init", "--id", "archive-lan"));
    cli("user", "add", System.getProperty("user.name"), "--role", "archivist");
    cli("holdings", "scan", dir.resolve("holdings").toString());
    cli("destination", "add", "--id", "backup", "--template",
        EXAMPLES.resolve("backup.xml").toString(), "--cert", cert.toString());
    home = PlatformHome.at(dir.resolve("home"), PlatformKind.SOURCE);
  }

  @Test
  void mediumThatVanishesMidWriteLeavesNoPackageAndTheLedgerAsItWas() throws Exception {
    Path medium = Files.createDirectory(dir.resolve("usb"));
    List<String> before = rows();

    IOException e = assertThrows(IOException.class, () -> build(medium, unplug(medium)));

    assertTrue(String.valueOf(e.getMessage()).contains(medium.toString()), e.toString());
    try (Stream<Path> left = Files.list(medium)) {
      assertEquals(List.of(), left.toList(), "nothing left on the medium");
    }
    assertEquals(before, rows());
    assertTrue(before.stream().allMatch(r -> r.endsWith(" pending")), before.toString());
  }

  @Test
  void buildAfterAFailedOneUsesTheSameSequence() throws Exception {
    Path medium = Files.createDirectory(dir.resolve("usb"));
    assertThrows(IOException.class, () -> build(medium, unplug(medium)));

    BuildResult r = build(medium, (total, done) -> { });

    assertEquals(1, r.sequence());
    assertEquals(10, r.records());
    assertTrue(rows().stream().allMatch(s -> s.endsWith(" exported")), rows().toString());
  }

  @Test
  // A copy of the home copies an embedded ledger alone; a shared one stays shared.
  @Tag("embedded-ledger")
  void aBuildKilledBeforeTheLedgerRecordedItsPackageIsFinishedByTheNextOne() throws Exception {
    Path medium = Files.createDirectory(dir.resolve("usb"));
    // A copy of the home builds onto the medium: for the real home's ledger, the package on the
    // medium is what a build killed after its final rename, before its commit, leaves behind.
    Path copy = dir.resolve("home-copy");
    FileTrees.copy(home.root(), copy);
    PlatformHome killed = PlatformHome.at(copy, PlatformKind.SOURCE);
    try (SourceLedger ledger = SourceLedger.open(killed.ledger(), Fixtures.CLOCK, "t")) {
      new PackageBuilder(ledger, "archive-lan", killed.key("correct horse".toCharArray()),
          killed.trust(), Fixtures.CLOCK, killed.scratchFolder()).build("backup", medium,
              Optional.empty(), OptionalLong.empty(), (total, done) -> { });
    }
    Files.writeString(medium.resolve(".archive-lan-backup-000001.partial"), "half");
    List<Path> left;
    try (Stream<Path> s = Files.list(medium)) {
      left = s.sorted().toList();
    }

    BuildResult r = build(medium, (total, done) -> { });

    assertEquals(1, r.sequence());
    assertEquals(left, r.leftovers().stream().sorted().toList());
    try (Stream<Path> s = Files.list(medium)) {
      assertEquals(List.of(r.packagePath().orElseThrow()), s.toList());
    }
    assertTrue(rows().stream().allMatch(x -> x.endsWith(" exported")), rows().toString());
  }

  /** Pulls the stick out and plugs it back in, empty, while the package is being written. */
  private static PackageBuilder.Progress unplug(Path medium) {
    return (total, done) -> {
      try {
        FileTrees.delete(medium);
        Files.createDirectory(medium);
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    };
  }

  private BuildResult build(Path medium, PackageBuilder.Progress progress) throws IOException {
    try (SourceLedger ledger = SourceLedger.open(home.ledger(), Fixtures.CLOCK, "test")) {
      return new PackageBuilder(ledger, "archive-lan", home.key("correct horse".toCharArray()),
          home.trust(), Fixtures.CLOCK, home.scratchFolder()).build("backup", medium,
              Optional.empty(), OptionalLong.empty(), progress);
    }
  }

  private List<String> rows() throws IOException {
    try (SourceLedger ledger = SourceLedger.open(home.ledger(), Fixtures.CLOCK, "test")) {
      return ledger.inTransaction(tx -> tx.sync().rows(Optional.empty(), Optional.of("backup"),
          Optional.empty())).stream().map(PackageBuilderTest::describe).toList();
    }
  }

  private static String describe(SyncRow r) {
    return r.archivalId() + " " + r.version() + " " + r.attempts() + " "
        + r.state().name().toLowerCase(java.util.Locale.ROOT);
  }

  private void cli(String... args) {
    StringWriter err = new StringWriter();
    var cli = SourceCommand.commandLine(Fixtures.CLOCK, System.getProperty("user.name"));
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    String[] all = Stream.concat(Stream.of("--home", dir.resolve("home").toString(),
        "--passphrase-file", dir.resolve("passphrase").toString()), Stream.of(args))
        .toArray(String[]::new);
    assertEquals(0, cli.execute(all), err::toString);
  }
}
