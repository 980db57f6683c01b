package org.gapsync.target.cli;

import static org.gapsync.target.cli.PackageImportTest.add;
import static org.gapsync.target.cli.TargetRig.id;
import static org.gapsync.target.cli.TargetRig.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.premis.PremisDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledger export-premis} on a target that applied one package and rejected another. */
class TargetPremisTest {
  @TempDir
  Path dir;

  @Test
  void appliedAndRejectedPackagesReadAsPremisEvents() throws Exception {
    TargetRig rig = new TargetRig(dir).init();
    rig.importFrom(rig.write(spec(1), List.of(add("A-1", "minutes.txt", "Minutes")),
        ContainerFormat.TAR).path().getParent());
    rig.importFrom(rig.write(spec(2, id(2) + "-forged", Optional.of(id(1))), List.of(
        add("A-2", "forged.txt", "Forged")), ContainerFormat.TAR, Fixtures.key("impostor"))
        .path().getParent());
    Path out = dir.resolve("premis.xml");

    TargetRig.Run r = rig.run("ledger", "export-premis", "--out", out.toString());

    assertEquals(0, r.code(), r.all());
    PremisDocument premis = PremisDocument.read(out);
    assertTrue(premis.texts("objectIdentifierValue").containsAll(List.of("A-1", id(1),
        id(2) + "-forged")), premis.texts("objectIdentifierValue")::toString);
    assertEquals(List.of("success", "failure"),
        premis.outcomesOf("digital signature validation"));
    assertEquals(List.of("failure"), premis.outcomesOf("validation"));
    assertTrue(premis.outcomesOf("replication").size() >= 3, "the package and its two files");
    assertTrue(premis.outcomesOf("replication").stream().allMatch("success"::equals));
    assertEquals(2, premis.outcomesOf("ingestion").size(), "two 'package import' commands");
  }
}
