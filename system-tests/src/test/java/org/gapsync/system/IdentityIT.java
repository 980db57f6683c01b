package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.gapsync.format.files.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who acts is who the operating system says: a system property or environment variable that
 * names another user changes neither the role check nor the name in the audit trail.
 */
class IdentityIT {
  private static final String FORGED = "mallory";

  @TempDir
  Path work;

  @Test
  void aForgedUserNameNeitherPassesTheRoleCheckNorEntersTheAuditTrail() throws Exception {
    Launchers sh = new Launchers(work);
    String me = sh.command("id", "-un").expect(0).out().strip();
    assertNotEquals(FORGED, me);
    FileTrees.copy(Launchers.ROOT.resolve("docs/examples/holdings"), work.resolve("holdings"));
    sh.source("source", "init", "--id", "archive-lan").expect(0).says("user " + me
        + " is its admin");
    sh.source("source", "user", "add", FORGED, "--role", "archivist").expect(0);
    Launchers forged = sh.with(Map.of("GAPSYNC_JAVA_OPTS", "-Duser.name=" + FORGED,
        "JAVA_TOOL_OPTIONS", "-Duser.name=" + FORGED, "USER", FORGED, "LOGNAME", FORGED));

    forged.source("source", "holdings", "scan", "holdings").expect(5)
        .says("error: user " + me + " may not run 'holdings scan': it needs the archivist "
            + "role (" + me + " is admin)");

    assertEquals(me + " holdings scan denied", lastEvent(work.resolve("source")));
    forged.source("source", "user", "list").expect(0);
    assertEquals(me + " user list success", lastEvent(work.resolve("source")));
  }

  private static String lastEvent(Path home) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + home.resolve(
        "ledger/ledger") + ";ACCESS_MODE_DATA=r", "sa", ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT actor, action, outcome FROM audit_event "
            + "ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
      rs.next();
      return rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3);
    }
  }
}
