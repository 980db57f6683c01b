package org.gapsync.target.cli;

import static org.gapsync.target.cli.PackageImportTest.add;
import static org.gapsync.target.cli.TargetRig.file;
import static org.gapsync.target.cli.TargetRig.id;
import static org.gapsync.target.cli.TargetRig.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gapsync.format.PackagePath;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.receipt.PackageOutcome;
import org.gapsync.format.syncpackage.ChangeKind;
import org.gapsync.format.syncpackage.RecordContent;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.target.replica.CrashPoint;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a real {@code target-platform} JVM at moments of an import (as a power cut would) and
 * checks that the next command recovers the package to all-applied or none-applied, with the
 * replica and the ledger in agreement, and that importing again then completes it.
 */
class ImportCrashIT {
  @TempDir
  Path dir;

  /** Package 2 changes record A-1 file by file and adds A-2: eight renames in all. */
  private static List<RecordContent> second() {
    return List.of(new RecordContent("A-1", ChangeKind.MODIFY, 2,
            List.of(file("a.txt", "alpha 2"), file("d.txt", "delta")),
            List.of(new PackagePath("b.txt"))),
        add("A-2", "x.txt", "x-ray", "y/y.txt", "yankee", "z.txt", "zulu"));
  }

  private static TargetRig afterFirst(Path dir) throws Exception {
    TargetRig rig = new TargetRig(dir).init();
    TargetRig.check(rig.importFrom(rig.write(spec(1), List.of(add("A-1", "a.txt", "alpha",
        "b.txt", "bravo", "c.txt", "charlie")), ContainerFormat.DIRECTORY).path()));
    return rig;
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {"staged", "journal", "op-1", "op-3", "op-7", "committed",
      "delivered"})
  void nextCommandRecoversToAllOrNothing(String point) throws Exception {
    TargetRig reference = afterFirst(dir.resolve("reference"));
    Map<String, String> before = reference.replica();
    TargetRig.check(reference.importFrom(reference.write(spec(2), second(),
        ContainerFormat.DIRECTORY).path()));
    Map<String, String> after = reference.replica();

    TargetRig rig = afterFirst(dir.resolve("crashed"));
    Path second = rig.write(spec(2), second(), ContainerFormat.DIRECTORY).path();
    Process child = new ProcessBuilder(javaExecutable(), "-cp",
        System.getProperty("java.class.path"), "-D" + CrashPoint.PROPERTY + "=" + point,
        TargetCommand.class.getName(), "--home", rig.home.toString(), "--passphrase-file",
        rig.passphrase.toString(), "package", "import", second.toString(), "--receipt-to",
        rig.receipts.toString()).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertEquals(CrashPoint.EXIT_CODE, child.exitValue(), "did not die at " + point + ": "
        + output);

    TargetRig.Run verify = rig.run("replica", "verify");

    assertEquals(ExitCodes.OK, verify.code(), verify.all());
    boolean isCommitted = point.equals("committed") || point.equals("delivered");
    assertEquals(isCommitted ? after : before, rig.replica(), "after a crash at " + point);
    assertFalse(Files.exists(rig.home.resolve("work/" + id(2) + "/journal")));
    TargetRig.Run again = rig.importFrom(second);
    assertEquals(ExitCodes.OK, again.code(), again.all());
    assertTrue(again.out().contains(isCommitted ? "seen before" : "applied:"), again.out());
    assertEquals(after, rig.replica());
    assertEquals(PackageOutcome.ACCEPTED, rig.receipt(id(2)).outcome());
    assertEquals(ExitCodes.OK, rig.run("replica", "verify").code());
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString()
        + (File.separatorChar == '\\' ? ".exe" : "");
  }
}
