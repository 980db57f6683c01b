package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gapsync.format.signature.Certificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code init} makes: a certificate that names the platform and its organisation. */
class InitTest {
  @TempDir
  Path dir;

  private String subject() throws Exception {
    return Certificates.readPem(dir.resolve("home/certificate.pem")).getSubjectX500Principal()
        .getName();
  }

  @Test
  void theCertificateNamesTheOrganisationAndKeepsItAcrossARotation() throws Exception {
    Files.writeString(dir.resolve("passphrase"), "correct horse\n");
    assertEquals(0, SourceCli.run(dir, "init", "--id", "archive-lan", "--org",
        "城市档案馆").code());

    assertEquals("CN=archive-lan,O=城市档案馆", subject());
    assertEquals(0, SourceCli.run(dir, "cert", "rotate").code());
    assertEquals("CN=archive-lan,O=城市档案馆", subject());
  }
}
