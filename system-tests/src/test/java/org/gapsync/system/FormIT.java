package org.gapsync.system;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gapsync.format.files.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registration form checked against the media by a machine, as an auditor does with a
 * printed form and a disc: {@code bin/package-verify --form} reads the form's QR code from its
 * image and holds it against the package on the medium.
 */
class FormIT {
  private static final int INVALID = 3;

  @TempDir
  Path work;

  private Launchers.Run verify(Launchers sh, String form, String pkg) throws Exception {
    return sh.command("bash", Launchers.ROOT.resolve("bin/package-verify").toString(),
        "--trust", "archive-lan=archive-lan.pem", "--form", form, pkg);
  }

  @Test
  void aFormMatchesItsOwnMediumOnlyAndNamesItsReceiptOnceAnswered() throws Exception {
    Launchers sh = new Launchers(work).pair();
    FileTrees.copy(Launchers.ROOT.resolve("docs/examples/holdings"), work.resolve("holdings"));
    sh.source("source", "holdings", "scan", "holdings").expect(0);
    Files.createDirectories(work.resolve("usb1"));
    Files.createDirectories(work.resolve("usb2"));
    sh.source("source", "package", "build", "--destination", "backup", "--to", "usb1")
        .expect(0);
    Path edited = work.resolve("holdings/F001/1998/F001-1998-0001/notes.txt");
    Files.writeString(edited, "a note added later\n");
    sh.source("source", "holdings", "scan", "holdings").expect(0);
    sh.source("source", "package", "build", "--destination", "backup", "--to", "usb2")
        .expect(0);
    String first = "usb1/" + sh.list("usb1").get(0);
    String second = "usb2/" + sh.list("usb2").get(0);

    sh.source("source", "package", "form", "archive-lan-backup-000001", "--out", "form1.pdf",
        "--lang", "en").expect(0);
    verify(sh, "form1.pdf", first).expect(0).says("form form1.pdf: matches this medium: "
        + "package archive-lan-backup-000001, tag manifest sha256:");
    verify(sh, "form1.pdf", second).expect(INVALID).says("DOES NOT MATCH: the form is that of "
        + "package archive-lan-backup-000001, the medium holds package "
        + "archive-lan-backup-000002");

    sh.target("backup", "package", "import", first, "--receipt-to", "receipts").expect(0);
    sh.source("source", "receipt", "ingest", "receipts").expect(0);
    sh.source("source", "package", "form", "archive-lan-backup-000001", "--out", "form1b.pdf")
        .expect(0);
    verify(sh, "form1b.pdf", first).expect(0).says("answered by receipt "
        + "archive-lan-backup-000001.receipt");

    Files.writeString(work.resolve("not-a-form.pdf"), "%PDF-1.4 nothing here");
    verify(sh, "not-a-form.pdf", first).expect(INVALID).says("not-a-form.pdf is not a "
        + "readable PDF");
  }
}
