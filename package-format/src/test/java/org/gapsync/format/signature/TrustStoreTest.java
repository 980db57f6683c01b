package org.gapsync.format.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trusted, earlier and revoked certificates on disk, and key successions that widen trust. */
class TrustStoreTest {
  private static final SigningKey FIRST = Fixtures.key("archive-lan");
  private static final SigningKey SECOND = Fixtures.key("archive-lan");
  private static final SigningKey THIRD = Fixtures.key("archive-lan");
  @TempDir
  Path dir;

  @Test
  void aNewCertificateBecomesCurrentAndTheOneBeforeStaysTrusted() throws Exception {
    TrustStore.writeTo(dir, "archive-lan", FIRST.certificate());
    TrustStore.writeTo(dir, "archive-lan", SECOND.certificate());

    TrustStore trust = TrustStore.readFolder(dir);

    assertEquals(Optional.of(SECOND.certificate()), trust.current("archive-lan"));
    assertEquals(List.of(SECOND.certificate(), FIRST.certificate()),
        trust.certificates("archive-lan"));
    assertEquals(Optional.of("archive-lan"), trust.idOf(FIRST.certificate()));
  }

  @Test
  void aRevokedCertificateIsNeitherTrustedNorTrustedAgain() throws Exception {
    TrustStore.writeTo(dir, "archive-lan", FIRST.certificate());

    assertTrue(TrustStore.revokeIn(dir, "archive-lan", FIRST.certificate()));

    TrustStore trust = TrustStore.readFolder(dir);
    assertEquals(Optional.empty(), trust.idOf(FIRST.certificate()));
    assertEquals(Optional.of("archive-lan"), trust.revokedFor(FIRST.certificate()));
    assertEquals(Optional.empty(), trust.current("archive-lan"));
    assertThrows(IllegalArgumentException.class,
        () -> TrustStore.writeTo(dir, "archive-lan", FIRST.certificate()));
    assertEquals(Optional.empty(), trust.with("archive-lan", FIRST.certificate())
        .idOf(FIRST.certificate()), "a revoked certificate cannot be trusted again");
  }

  @Test
  void aSuccessionLeadsFromATrustedKeyToTheCurrentOne() throws Exception {
    KeySuccession chain = chain();
    TrustStore first = TrustStore.empty().with("archive-lan", FIRST.certificate());

    KeySuccession read = KeySuccession.parse("succession.pem", chain.toPem());

    assertEquals(2, read.announcements().size());
    assertEquals(Optional.of("archive-lan"), read.extend(first).idOf(THIRD.certificate()));
    assertEquals(SECOND.certificate(), read.introducing(first, THIRD.certificate())
        .orElseThrow().predecessor());
    assertEquals(Optional.empty(), read.introducing(first, FIRST.certificate()),
        "trusted already, introduced by nothing");
    TrustStore stranger = TrustStore.empty().with("archive-lan", Fixtures.key("x")
        .certificate());
    assertEquals(Optional.empty(), read.extend(stranger).idOf(THIRD.certificate()));
  }

  @Test
  void aRevokedLinkBreaksTheSuccession() throws Exception {
    TrustStore trust = TrustStore.empty().with("archive-lan", FIRST.certificate())
        .revoking("archive-lan", SECOND.certificate());

    TrustStore widened = chain().extend(trust);

    assertEquals(Optional.empty(), widened.idOf(SECOND.certificate()));
    assertEquals(Optional.empty(), widened.idOf(THIRD.certificate()));
  }

  @Test
  void anAlteredAnnouncementIsRefused() {
    byte[] der = chain().announcements().get(0).encoded();
    der[der.length - 10] ^= 1;
    String pem = "-----BEGIN CMS-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(der) + "\n-----END CMS-----\n";

    PackageFormatException e = assertThrows(PackageFormatException.class,
        () -> KeySuccession.parse("succession.pem", pem.getBytes(StandardCharsets.US_ASCII)));
    assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
  }

  private static KeySuccession chain() {
    return KeySuccession.NONE
        .then(KeySuccession.announce(FIRST, SECOND.certificate(), Fixtures.CLOCK))
        .then(KeySuccession.announce(SECOND.withSuccession(KeySuccession.NONE),
            THIRD.certificate(), Fixtures.CLOCK));
  }
}
