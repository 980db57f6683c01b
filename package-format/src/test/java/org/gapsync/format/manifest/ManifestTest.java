package org.gapsync.format.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackagePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestTest {
  private static final String ZERO =
      "0000000000000000000000000000000000000000000000000000000000000000";

  private static Manifest read(String text) throws Exception {
    return ManifestReader.read("manifest-sha256.txt", DigestAlgorithm.SHA256,
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsWhatWriterWrote() throws Exception {
    Manifest manifest = new Manifest(DigestAlgorithm.SHA256, List.of(
        new ManifestEntry(new PackagePath("data/100% pure.txt"),
            Digest.of(DigestAlgorithm.SHA256, new byte[] {1})),
        new ManifestEntry(new PackagePath("data/档案/扫描 1.tif"),
            Digest.of(DigestAlgorithm.SHA256, new byte[] {2}))));

    String text = new String(ManifestWriter.toBytes(manifest), StandardCharsets.UTF_8);

    assertTrue(text.contains("data/100%25 pure.txt"), text);
    assertEquals(manifest, read(text));
  }

  @Test
  void acceptsUppercaseDigestsAndTabs() throws Exception {
    Manifest m = read("AB" + ZERO.substring(2) + "\tdata/a.txt\r\n");

    assertEquals("ab" + ZERO.substring(2), m.entries().get(0).digest().hex());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nodigest", "abc data/a.txt", ZERO + "  data/../x",
      ZERO + "  /etc/passwd", ZERO + "  data/a\n" + ZERO + "  data/a"})
  void refusesMalformedLines(String text) {
    PackageFormatException e = assertThrows(PackageFormatException.class, () -> read(text));

    assertTrue(e.getMessage().startsWith("manifest-sha256.txt:"), e.getMessage());
  }
}
