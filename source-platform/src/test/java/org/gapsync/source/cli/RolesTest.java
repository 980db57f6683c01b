package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.ledger.TestLedgers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roles on the source: who may run what, refusals on one line, and each refusal audited. */
class RolesTest {
  private static final String ME = SourceCli.ME;
  private static final Path HOLDINGS = Path.of("..", "docs", "examples", "holdings");

  @TempDir
  Path dir;

  private SourceCli.Run run(String... args) {
    return SourceCli.run(dir, args);
  }

  /** Runs {@code args} as the operating-system user {@code user}. */
  private SourceCli.Run runAs(String user, String... args) {
    return SourceCli.runAs(dir, user, args);
  }

  private String lastEvent() throws Exception {
    try (Connection c = TestLedgers.connectToHome(dir.resolve("home")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT actor, action, outcome FROM audit_event "
            + "ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
      rs.next();
      return rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
    SourceCli.Run init = run("init", "--id", "archive-lan");
    assertEquals(0, init.code(), init.err());
    assertTrue(init.out().contains("user " + ME + " is its admin"), init.out());
  }

  @Test
  void initMakesTheInitialisingUserAdminAndNothingElse() throws Exception {
    SourceCli.Run list = run("user", "list");
    assertEquals(0, list.code(), list.err());
    assertEquals(2, list.out().lines().count(), list.out());
    assertTrue(list.out().lines().skip(1).findFirst().orElseThrow().matches(ME
        + " +admin .*"), list.out());

    SourceCli.Run scan = run("holdings", "scan", HOLDINGS.toString());

    assertEquals(ExitCodes.DENIED, scan.code());
    assertEquals("error: user " + ME + " may not run 'holdings scan': it needs the archivist "
        + "role (" + ME + " is admin); an admin grants one with 'user add " + ME + " --role "
        + "archivist'\n", scan.err());
    assertEquals(ME + " holdings scan denied", lastEvent());
    assertEquals(0, run("user", "add", ME, "--role", "archivist").code());
    SourceCli.Run query = run("ledger", "query");
    assertEquals(1, query.out().lines().count(), "the denied scan captured nothing: "
        + query.out());
    assertEquals(0, run("holdings", "scan", HOLDINGS.toString()).code());
  }

  @Test
  void anAuditorReadsButChangesNothing() throws Exception {
    assertEquals(0, run("user", "add", "li.na", "--role", "auditor").code());

    assertEquals(0, runAs("li.na", "queue").code());
    assertEquals(0, runAs("li.na", "ledger", "verify").code());
    SourceCli.Run build = runAs("li.na", "package", "build", "--destination", "x", "--to",
        dir.toString());
    assertEquals(ExitCodes.DENIED, build.code());
    assertTrue(build.err().contains("it needs the archivist role (li.na is auditor)"),
        build.err());
    SourceCli.Run grant = runAs("li.na", "user", "add", "li.na", "--role", "admin");
    assertEquals(ExitCodes.DENIED, grant.code());
    assertEquals("li.na user add denied", lastEvent());
  }

  @Test
  void aStrangerHoldsNoRole() throws Exception {
    SourceCli.Run r = runAs("mallory", "destination", "list");

    assertEquals(ExitCodes.DENIED, r.code());
    assertTrue(r.err().contains("(mallory holds no role here)"), r.err());
    assertEquals("mallory destination list denied", lastEvent());
  }

  @Test
  void aHomeFromBeforeRolesLetsItsFirstUserBeGranted() throws Exception {
    try (Connection c = TestLedgers.connectToHome(dir.resolve("home")); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM platform_user");
    }
    assertEquals(ExitCodes.DENIED, run("user", "list").code());

    assertEquals(0, runAs("wang.li", "user", "add", "wang.li", "--role", "admin").code());

    assertEquals(ExitCodes.DENIED, runAs("mallory", "user", "add", "mallory", "--role",
        "admin").code(), "only the first grant is open");
  }

  @Test
  void refusesARoleThisKindOfPlatformDoesNotHave() {
    SourceCli.Run r = run("user", "add", "wang.li", "--role", "operator");

    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("--role operator: a source-platform has the roles admin, "
        + "archivist, auditor"), r.err());
  }

  @Test
  void grantingTwiceChangesNothing() {
    assertEquals(0, run("user", "add", "wang.li", "--role", "archivist").code());
    SourceCli.Run again = run("user", "add", "wang.li", "--role", "archivist");

    assertEquals(0, again.code());
    assertTrue(again.out().contains("wang.li already holds archivist; nothing changed"),
        again.out());
    assertEquals(3, run("user", "list").out().lines().count());
  }
}
