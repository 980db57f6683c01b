package org.gapsync.target.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.ledger.TestLedgers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target's audit trail: init, a role, trust and a refused import leave events; edits are
 * caught.
 */
class LedgerVerifyTest {
  @TempDir
  Path dir;

  @Test
  void everyCommandIsChainedAndADeletedEventIsCaught() throws Exception {
    TargetRig rig = new TargetRig(dir).init();
    assertEquals(ExitCodes.USAGE, rig.importFrom(rig.media).code(), "no package on it");

    TargetRig.Run intact = rig.run("ledger", "verify");
    assertEquals(ExitCodes.OK, intact.code(), intact.all());
    assertTrue(intact.out().startsWith("audit trail intact: 4 events"), intact.all());

    try (Connection c = TestLedgers.connectToHome(rig.home); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM audit_event WHERE seq = 2");
    }
    TargetRig.Run broken = rig.run("ledger", "verify");

    assertEquals(ExitCodes.INVALID, broken.code(), broken.all());
    assertTrue(broken.err().contains("event 2 is missing"), broken.all());
  }

  @Test
  void aSequenceEditedBySqlIsFoundAndTheGenuinePackagesSayWhy() throws Exception {
    TargetRig rig = new TargetRig(dir).init();
    TargetRig.check(rig.importFrom(rig.write(TargetRig.spec(1), java.util.List.of(
        PackageImportTest.add("A-1", "a.txt", "one")),
        org.gapsync.format.container.ContainerFormat.TAR).path()));
    TargetRig.Run intact = rig.run("ledger", "verify");
    assertEquals(ExitCodes.OK, intact.code(), intact.all());
    assertTrue(intact.out().contains("each source's progress agrees with the 1 package "
        + "received"), intact.out());

    try (Connection c = TestLedgers.connectToHome(rig.home); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE source_progress SET last_sequence = 9");
    }
    TargetRig.Run broken = rig.run("ledger", "verify");

    assertEquals(ExitCodes.INVALID, broken.code(), broken.all());
    assertTrue(broken.err().contains("source archive-lan: the ledger says its sequence reached "
        + "9 with package " + TargetRig.id(1) + ", but that package is applied at sequence 1"),
        broken.err());
  }
}
