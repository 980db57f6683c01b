package org.gapsync.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.signature.Certificates;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.format.testing.Tamper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the verifier as a user does: its own JVM, its exit code, its output. */
class PackageVerifyIT {
  private final SigningKey key = Fixtures.key(Fixtures.SOURCE);

  private record Run(int code, String out, String err) {}

  private static Run verify(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        PackageVerifyCommand.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out, err);
  }

  @Test
  void validZipExitsZeroAndTamperedTarExitsThree(@TempDir Path dir) throws Exception {
    Path cert = dir.resolve("archive-lan.pem");
    Certificates.writePem(key.certificate(), cert);
    Path zipDir = Files.createDirectory(dir.resolve("zip"));
    Path zip = Fixtures.writePackage(key, ContainerFormat.ZIP, zipDir).path();
    Path folder = Fixtures.writePackage(key, ContainerFormat.DIRECTORY, dir).path();
    Tamper.flipByte(folder.resolve("data/A-2020-002/notes.txt"), 2);
    Path tar = Tamper.tar(folder, dir.resolve("tampered.tar"), List.of());

    Run valid = verify(zip.toString(), "--trust", cert.toString());
    Run tampered = verify(tar.toString(), "--trust", cert.toString());

    assertEquals(0, valid.code(), valid.err());
    assertTrue(valid.out().contains("VALID"), valid.out());
    assertEquals(3, tampered.code(), tampered.err());
    assertTrue(tampered.out().contains("DIGEST_MISMATCH data/A-2020-002/notes.txt"),
        tampered.out());
  }

  @Test
  void missingMediumIsOneLineAndExitFour(@TempDir Path dir) throws Exception {
    Run run = verify(dir.resolve("not-mounted/pkg.tar").toString());

    assertEquals(4, run.code());
    assertEquals("", run.out());
    assertEquals(1, run.err().lines().count(), run.err());
  }
}
