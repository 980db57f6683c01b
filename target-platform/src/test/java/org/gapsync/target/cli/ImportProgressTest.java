package org.gapsync.target.cli;

import static org.gapsync.target.cli.PackageImportTest.add;
import static org.gapsync.target.cli.TargetRig.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.syncpackage.WrittenPackage;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.home.PlatformKind;
import org.gapsync.target.ingest.ImportOutcome;
import org.gapsync.target.ingest.ImportProgress;
import org.gapsync.target.ingest.Importer;
import org.gapsync.target.ingest.TargetFolders;
import org.gapsync.target.ledger.TargetLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an import tells the progress display an operator watches. */
class ImportProgressTest {
  @TempDir
  Path dir;

  @Test
  void eachStepOfAPackageRunsUpToItsWholeSize() throws Exception {
    TargetRig rig = new TargetRig(dir).init();
    WrittenPackage written = rig.write(spec(1), List.of(add("A-1", "a.txt", "one"),
        add("A-2", "b.txt", "two", "c/d.txt", "three")), ContainerFormat.TAR);
    long payload = written.payloadBytes();
    Map<ImportProgress.Step, long[]> last = new ConcurrentHashMap<>();

    PlatformHome home = PlatformHome.at(rig.home, PlatformKind.TARGET);
    List<ImportOutcome> outcomes;
    try (TargetLedger ledger = TargetLedger.open(home.ledger(), Fixtures.CLOCK, "li.na")) {
      Importer importer = new Importer(ledger, TargetFolders.of(home), home.id(), home.trust(),
          home.key("target secret".toCharArray()), Fixtures.CLOCK, "li.na", 2,
          (name, step, total, done) -> last.merge(step, new long[] {total, done},
              (a, b) -> b[1] >= a[1] ? b : a));
      outcomes = importer.importAll(written.path(), rig.receipts, o -> { });
    }

    assertEquals(ImportOutcome.Kind.APPLIED, outcomes.get(0).kind(), outcomes.toString());
    assertTrue(payload > 0);
    assertEquals(List.of(payload, payload), List.of(last.get(ImportProgress.Step.VERIFY)[0],
        last.get(ImportProgress.Step.VERIFY)[1]));
    assertEquals(List.of(payload, payload), List.of(last.get(ImportProgress.Step.STAGE)[0],
        last.get(ImportProgress.Step.STAGE)[1]));
    assertEquals(List.of(2L, 2L), List.of(last.get(ImportProgress.Step.REREAD)[0],
        last.get(ImportProgress.Step.REREAD)[1]));
  }
}
