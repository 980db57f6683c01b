package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source with two destinations: one destination's key cannot confirm the other's records. */
class CrossClaimTest {
  private final SigningKey readingRoom = Fixtures.key("reading-room");
  private final SigningKey backup = Fixtures.key("backup-site");
  @TempDir
  Path dir;

  private SourceCli.Run run(String... args) {
    return SourceCli.run(dir, args);
  }

  @Test
  void aReceiptSignedByAnotherTrustedDestinationConfirmsNothing() throws Exception {
    SourceCli.homeWithDestination(dir, "reading-room", "backup.xml", readingRoom);
    Path backupPem = dir.resolve("backup-site.pem");
    Certificates.writePem(backup.certificate(), backupPem);
    assertEquals(0, run("destination", "add", "--id", "backup-site", "--template",
        SourceCli.EXAMPLES.resolve("backup.xml").toString(), "--cert", backupPem.toString())
        .code());
    PackageHeader header = SourceCli.build(dir, "reading-room");
    String before = run("ledger", "query", "--destination", "reading-room").out();

    // The backup site's genuine key signs a receipt that claims to come from the reading room.
    SourceCli.Run forged = run("receipt", "ingest", SourceCli.receipt(dir, header, backup)
        .toString());

    assertEquals(ExitCodes.INVALID, forged.code(), forged.err());
    assertTrue(forged.err().contains("SIGNER_NOT_CLAIMED sync/signature.p7s: signed by the "
        + "certificate trusted as backup-site, but the sync receipt says reading-room made it"),
        forged.err());
    assertEquals(before, run("ledger", "query", "--destination", "reading-room").out());
    assertEquals(0, run("receipt", "ingest", SourceCli.receipt(dir, header, readingRoom)
        .toString()).code());
  }
}
