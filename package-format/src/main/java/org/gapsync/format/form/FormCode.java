package org.gapsync.format.form;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageId;

/**
 * What the QR code of a registration form carries: the package's id, the digest of the tag
 * manifest of each of its volumes (one for a package written whole), and the id of the receipt
 * that answered it, once one has. As text, one field a line:
 *
 * <pre>{@code
 * gapsync-form/1
 * package archive-lan-backup-000007
 * manifest 1 sha256:5f0c…e9
 * receipt archive-lan-backup-000007.receipt
 * }</pre>
 *
 * @param packageId the package
 * @param manifests the digest of each volume's {@code tagmanifest-sha256.txt}, by volume
 *     number from 1, or empty when the ledger did not record them
 * @param receiptId the receipt that answered it, if the form is the receiving side's
 */
public record FormCode(PackageId packageId, List<Digest> manifests,
    Optional<PackageId> receiptId) {
  /** The first line of the text: its kind and version. */
  public static final String MAGIC = "gapsync-form/1";

  /** Checks and copies the parts. */
  public FormCode {
    Objects.requireNonNull(packageId, "packageId");
    manifests = List.copyOf(manifests);
    Objects.requireNonNull(receiptId, "receiptId");
  }

  /** Returns the code as the QR code's text. */
  public String toText() {
    StringBuilder s = new StringBuilder(MAGIC).append("\npackage ").append(packageId.value());
    for (int i = 0; i < manifests.size(); i++) {
      s.append("\nmanifest ").append(i + 1).append(' ').append(manifests.get(i).algorithm()
          .bagitName()).append(':').append(manifests.get(i).hex());
    }
    receiptId.ifPresent(r -> s.append("\nreceipt ").append(r.value()));
    return s.toString();
  }

  /**
   * Returns the code a QR code's {@code text} says.
   *
   * @throws IllegalArgumentException if it is not a registration form's code
   */
  public static FormCode parse(String text) {
    List<String> lines = text.lines().toList();
    if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
      throw new IllegalArgumentException("not a gapsync registration form's code (it does not "
          + "start with " + MAGIC + ")");
    }
    PackageId id = null;
    List<Digest> manifests = new ArrayList<>();
    Optional<PackageId> receipt = Optional.empty();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(" ");
      switch (f[0]) {
        case "package" -> id = PackageId.of(field(f, 2, line)[1]);
        case "manifest" -> {
          if (!field(f, 3, line)[1].equals(Integer.toString(manifests.size() + 1))
              || !f[2].startsWith("sha256:")) {
            throw new IllegalArgumentException("form code line '" + line + "': manifests "
                + "go by volume from 1, as sha256:HEX");
          }
          manifests.add(Digest.parse(DigestAlgorithm.SHA256, f[2].substring("sha256:"
              .length())));
        }
        case "receipt" -> receipt = Optional.of(PackageId.of(field(f, 2, line)[1]));
        default -> throw new IllegalArgumentException("form code line '" + line
            + "' is not one this release knows");
      }
    }
    if (id == null) {
      throw new IllegalArgumentException("the form code names no package");
    }
    return new FormCode(id, manifests, receipt);
  }

  private static String[] field(String[] f, int n, String line) {
    if (f.length != n) {
      throw new IllegalArgumentException("form code line '" + line + "' is malformed");
    }
    return f;
  }
}
