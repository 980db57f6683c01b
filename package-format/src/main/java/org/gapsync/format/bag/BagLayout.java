package org.gapsync.format.bag;

import java.nio.charset.StandardCharsets;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackagePath;
import org.gapsync.format.manifest.Manifest;

/** The names of the files of a gapsync bag, and the fixed declaration it starts with. */
public final class BagLayout {
  /** The payload folder. */
  public static final String PAYLOAD = "data";
  /** The bag declaration. */
  public static final PackagePath BAGIT_TXT = new PackagePath("bagit.txt");
  /** The bag metadata. */
  public static final PackagePath BAG_INFO = new PackagePath("bag-info.txt");
  /** The digest algorithm of both manifests. */
  public static final DigestAlgorithm ALGORITHM = DigestAlgorithm.SHA256;
  /** The payload manifest. */
  public static final PackagePath MANIFEST = new PackagePath(Manifest.fileName(ALGORITHM, false));
  /** The tag manifest, which the signature covers. */
  public static final PackagePath TAG_MANIFEST =
      new PackagePath(Manifest.fileName(ALGORITHM, true));
  /** The detached CMS signature over the tag manifest's bytes. */
  public static final PackagePath SIGNATURE = new PackagePath("sync/signature.p7s");

  /**
   * The signer's key succession, present when the signer rotated its key: each earlier key's
   * signed announcement of the next certificate, so that a verifier who trusts an earlier one
   * comes to trust the signer's current one.
   */
  public static final PackagePath SUCCESSION = new PackagePath("sync/succession.pem");

  static final byte[] DECLARATION = ("BagIt-Version: 1.0\n"
      + "Tag-File-Character-Encoding: UTF-8\n").getBytes(StandardCharsets.UTF_8);

  private BagLayout() {}

  /** Returns whether {@code path} is in the payload. */
  public static boolean isPayload(PackagePath path) {
    return path.isBelow(PAYLOAD);
  }
}
