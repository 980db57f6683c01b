package org.gapsync.target.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roles on a target: operators import, auditors read, only admins change trust and users. */
class TargetRolesTest {
  @TempDir
  Path dir;

  /** Runs {@code args} on {@code rig} as the operating-system user {@code user}. */
  private static TargetRig.Run runAs(TargetRig rig, String user, String... args) {
    return rig.runAs(user, args);
  }

  @Test
  void anAuditorMayReadButNotImportNorTrust() throws Exception {
    TargetRig rig = new TargetRig(dir).init();
    TargetRig.check(rig.run("user", "add", "zhao.min", "--role", "auditor"));

    assertEquals(ExitCodes.OK, runAs(rig, "zhao.min", "status").code());
    assertEquals(ExitCodes.OK, runAs(rig, "zhao.min", "replica", "verify").code());
    TargetRig.Run imported = runAs(rig, "zhao.min", "package", "import", rig.media.toString(),
        "--receipt-to", rig.receipts.toString());
    assertEquals(ExitCodes.DENIED, imported.code(), imported.all());
    assertTrue(imported.err().startsWith("error: user zhao.min may not run 'package import': "
        + "it needs the operator role (zhao.min is auditor)"), imported.err());
    TargetRig.Run trust = runAs(rig, "zhao.min", "trust", "add", "--id", "x", "--cert",
        rig.passphrase.toString());
    assertEquals(ExitCodes.DENIED, trust.code(), trust.all());
  }

  @Test
  void anOperatorMayNeitherRotateTheKeyNorRevokeTrust() throws Exception {
    TargetRig rig = new TargetRig(dir).init();
    TargetRig.check(rig.run("user", "add", "li.na", "--role", "operator"));

    TargetRig.Run rotate = runAs(rig, "li.na", "cert", "rotate");
    TargetRig.Run revoke = runAs(rig, "li.na", "trust", "revoke", "--id", "archive-lan",
        "--cert", rig.dir.resolve("source.pem").toString());

    assertEquals(ExitCodes.DENIED, rotate.code(), rotate.all());
    assertEquals(ExitCodes.DENIED, revoke.code(), revoke.all());
    assertTrue(revoke.err().contains("it needs the admin role"), revoke.err());
    assertEquals(ExitCodes.OK, runAs(rig, "li.na", "trust", "list").code());
    assertTrue(rig.run("trust", "list").out().contains("current"), "trust unchanged");
  }

  @Test
  void anOperatorMayNotAddUsers() throws Exception {
    TargetRig rig = new TargetRig(dir).init();
    TargetRig.check(rig.run("user", "add", "li.na", "--role", "operator"));

    TargetRig.Run r = runAs(rig, "li.na", "user", "add", "li.na", "--role", "admin");

    assertEquals(ExitCodes.DENIED, r.code(), r.all());
    assertTrue(r.err().contains("it needs the admin role (li.na is operator)"), r.err());
    TargetRig.Run archivist = rig.run("user", "add", "li.na", "--role", "archivist");
    assertEquals(ExitCodes.USAGE, archivist.code(), archivist.all());
  }
}
