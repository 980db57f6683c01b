package org.gapsync.format.manifest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a manifest in the BagIt text form: {@code <hex digest> <path>} per line, LF endings. */
public final class ManifestWriter {
  private ManifestWriter() {}

  /** Writes {@code manifest} to {@code out}, leaving it open. */
  public static void write(Manifest manifest, OutputStream out) throws IOException {
    for (ManifestEntry entry : manifest.entries()) {
      write(entry, out);
    }
  }

  /** Writes one line of a manifest to {@code out}, leaving it open. */
  public static void write(ManifestEntry entry, OutputStream out) throws IOException {
    String line = entry.digest().hex() + "  " + encode(entry.path().value()) + "\n";
    out.write(line.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the bytes of {@code manifest} in its text form. */
  public static byte[] toBytes(Manifest manifest) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      write(manifest, out);
    } catch (IOException e) {
      throw new AssertionError("memory streams do not fail", e);
    }
    return out.toByteArray();
  }

  // RFC 8493 section 2.1.3: percent-encode CR, LF and the percent sign itself.
  static String encode(String path) {
    if (path.indexOf('%') < 0 && path.indexOf('\n') < 0 && path.indexOf('\r') < 0) {
      return path;
    }
    return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D");
  }
}
