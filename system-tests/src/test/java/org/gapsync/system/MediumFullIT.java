package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gapsync.format.files.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a package onto media too small for it: real file systems of 16 KiB and 48 KiB (tmpfs,
 * mounted in a private mount namespace: as root directly, otherwise in a private user namespace
 * too, so that the test needs no privileges), with {@code bin/source-platform} writing the
 * examples' holdings (24,514 bytes of records, a 93 KB package) onto them: the first is refused
 * before anything is written, the second fills up on the way. Where neither namespace can be
 * made (a kernel that forbids unprivileged user namespaces, run by a user other than root), it
 * is skipped and says so.
 */
class MediumFullIT {
  @TempDir
  Path work;

  @Test
  void fullMediumIsAClearErrorLeavesNothingAndTheNextBuildSucceeds() throws Exception {
    Launchers sh = new Launchers(work);
    FileTrees.copy(Launchers.ROOT.resolve("docs/examples/holdings"), work.resolve("holdings"));
    sh.source("source", "init", "--id", "archive-lan").expect(0);
    sh.source("source", "user", "add", System.getProperty("user.name"), "--role", "archivist")
        .expect(0);
    sh.source("source", "cert", "export", "--out", "self.pem").expect(0);
    sh.source("source", "destination", "add", "--id", "backup", "--template",
        Launchers.ROOT.resolve("docs/examples/backup.xml").toString(), "--cert", "self.pem")
        .expect(0);
    sh.source("source", "holdings", "scan", "holdings").expect(0);
    List<String> before = sh.ledger("source", "backup");
    Files.createDirectory(work.resolve("usb"));
    Files.createDirectory(work.resolve("small"));

    // The records (24,514 bytes) do not fit in 16 KiB: refused before writing. They fit in
    // 48 KiB, the package (93 KB with its tag files, signature and tar headers) does not.
    String build = "bash " + Launchers.ROOT.resolve("bin/source-platform") + " --home source "
        + "package build --destination backup --to ";
    String script = "mount -t tmpfs -o size=16k tmpfs small || exit 99\n"
        + "mount -t tmpfs -o size=48k tmpfs usb || exit 99\n"
        + build + "small\necho \"exit $?, left on the small medium: [$(ls -A small)]\"\n"
        + build + "usb\ncode=$?\necho \"left on the medium: [$(ls -A usb)]\"\nexit $code\n";
    List<String> unshare = privateMountNamespace(sh);
    List<String> command = new java.util.ArrayList<>(unshare);
    command.addAll(List.of("bash", "-c", script));
    Launchers.Run r = sh.command(command.toArray(String[]::new));

    r.expect(4).says("error: the package for backup would carry 24514 bytes of records, but "
        + "small has only 16384 bytes free; nothing was written and no record was marked "
        + "exported").says("exit 4, left on the small medium: []");
    r.says("error: writing archive-lan-backup-000001 onto usb failed after ").says(" of 24514 "
        + "bytes of records: No space left on device; no record was marked exported")
        .says("left on the medium: []");
    assertEquals(before, sh.ledger("source", "backup"));

    sh.source("source", "package", "build", "--destination", "backup", "--to", "usb")
        .expect(0).says("archive-lan-backup-000001.tar (sequence 1): 10 records");
  }

  /** Returns the {@code unshare} command that gives a private mount namespace here. */
  private static List<String> privateMountNamespace(Launchers sh) throws Exception {
    for (List<String> unshare : List.of(List.of("unshare", "--mount"),
        List.of("unshare", "--map-root-user", "--mount"))) {
      List<String> probe = new java.util.ArrayList<>(unshare);
      probe.addAll(List.of("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", "/mnt"));
      if (sh.command(probe.toArray(String[]::new)).code() == 0) {
        return unshare;
      }
    }
    org.junit.jupiter.api.Assumptions.abort("cannot mount a small file system here: neither "
        + "root nor allowed unprivileged user namespaces (sysctl "
        + "kernel.unprivileged_userns_clone)");
    throw new AssertionError("not reached");
  }
}
