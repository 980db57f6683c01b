package org.gapsync.target.cli;

import static org.gapsync.target.cli.PackageImportTest.add;
import static org.gapsync.target.cli.TargetRig.id;
import static org.gapsync.target.cli.TargetRig.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.testing.Tamper;
import org.gapsync.platform.premis.PremisDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger export-premis} on a target that applied one package and rejected another, whose
 * payload was damaged on the way.
 */
class TargetPremisTest {
  @TempDir
  Path dir;

  @Test
  void appliedAndRejectedPackagesReadAsPremisEvents() throws Exception {
    TargetRig rig = new TargetRig(dir).init();
    rig.importFrom(rig.write(spec(1), List.of(add("A-1", "minutes.txt", "Minutes")),
        ContainerFormat.TAR).path().getParent());
    var damaged = rig.write(spec(2), List.of(add("A-2", "damaged.txt", "Damaged")),
        ContainerFormat.DIRECTORY);
    Tamper.edit(damaged.path().resolve("data/A-2/damaged.txt"), "Damaged", "DAMAGED");
    rig.importFrom(damaged.path().getParent());
    Path out = dir.resolve("premis.xml");

    TargetRig.Run r = rig.run("ledger", "export-premis", "--out", out.toString());

    assertEquals(0, r.code(), r.all());
    PremisDocument premis = PremisDocument.read(out);
    assertTrue(premis.texts("objectIdentifierValue").containsAll(List.of("A-1", id(1),
        id(2))), premis.texts("objectIdentifierValue")::toString);
    assertEquals(List.of("success", "success"),
        premis.outcomesOf("digital signature validation"), "the damaged one is authentic");
    assertEquals(List.of("failure"), premis.outcomesOf("validation"));
    assertTrue(premis.outcomesOf("replication").size() >= 3, "the package and its two files");
    assertTrue(premis.outcomesOf("replication").stream().allMatch("success"::equals));
    assertEquals(2, premis.outcomesOf("ingestion").size(), "two 'package import' commands");
  }
}
