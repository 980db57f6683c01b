package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.premis.PremisDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledger export-premis} after one whole loop: scan, build, receipt. */
class PremisExportTest {
  private final SigningKey targetKey = Fixtures.key("reading-room");
  @TempDir
  Path dir;

  private SourceCli.Run run(String... args) {
    SourceCli.Run r = SourceCli.run(dir, args);
    assertEquals(0, r.code(), r.out() + r.err());
    return r;
  }

  @Test
  void theLoopReadsAsPremisEventsOnTheRecordsAndThePackage() throws Exception {
    SourceCli.homeWithDestination(dir, "reading-room", "backup.xml", targetKey);
    PackageHeader header = SourceCli.build(dir, "reading-room");
    run("receipt", "ingest", SourceCli.receipt(dir, header, targetKey).toString());
    Path out = dir.resolve("premis.xml");

    SourceCli.Run export = run("ledger", "export-premis", "--out", out.toString());

    PremisDocument premis = PremisDocument.read(out);
    List<String> objects = premis.texts("objectIdentifierValue");
    header.records().forEach(r -> assertTrue(objects.contains(r.archivalId()), r.archivalId()));
    assertTrue(objects.contains(header.packageId().value()), objects::toString);
    assertEquals(10, premis.outcomesOf("accession").size());
    assertEquals(10, premis.outcomesOf("transfer").size());
    assertEquals(List.of("success"), premis.outcomesOf("digital signature validation"));
    assertEquals(List.of("success"), premis.outcomesOf("information package creation"));
    assertTrue(premis.outcomesOf("fixity check").stream().allMatch("success"::equals)
        && premis.outcomesOf("fixity check").size() == 10, premis.outcomesOf("fixity check")
        ::toString);
    assertTrue(premis.texts("agentName").contains(System.getProperty("user.name")));
    assertEquals("http://id.loc.gov/vocabulary/preservation/eventType/ipc",
        premis.valueUriOf("information package creation"));
    assertEquals("gapsync", premis.authorityOf("destination add"),
        "no LoC term says what adding a destination is");
    assertTrue(export.out().contains("PREMIS 3, " + objects.size() + " objects"),
        export.out());
    assertFalse(Files.exists(dir.resolve("premis.xml.partial")));
  }
}
