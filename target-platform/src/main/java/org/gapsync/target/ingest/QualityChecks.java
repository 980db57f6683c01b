package org.gapsync.target.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gapsync.format.receipt.PropertyCheck;
import org.gapsync.format.receipt.QualityProperty;
import org.gapsync.format.validation.Finding;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.platform.Plural;

/**
 * The four-property check of one import (authenticity, integrity, usability, security, as
 * archives check every transfer under DA/T 70): each verification finding counts against the
 * property it threatens, and what the apply itself observed is added.
 */
final class QualityChecks {
  private static final Map<QualityProperty, Set<FindingCode>> CODES = new EnumMap<>(Map.of(
      QualityProperty.AUTHENTICITY, Set.of(FindingCode.SIGNATURE_MISSING,
          FindingCode.SIGNATURE_INVALID, FindingCode.SIGNER_UNTRUSTED,
          FindingCode.SIGNER_REVOKED, FindingCode.SIGNER_CERTIFICATE_EXPIRED,
          FindingCode.DIGEST_MISMATCH, FindingCode.HEADER_MISMATCH),
      QualityProperty.INTEGRITY, Set.of(FindingCode.CONTAINER_UNREADABLE,
          FindingCode.BAGIT_DECLARATION_INVALID, FindingCode.BAG_INFO_INVALID,
          FindingCode.PAYLOAD_OXUM_MISMATCH, FindingCode.MANIFEST_MISSING,
          FindingCode.MANIFEST_MALFORMED, FindingCode.FILE_MISSING, FindingCode.FILE_UNLISTED,
          FindingCode.HEADER_MISSING, FindingCode.HEADER_FILE_MISSING,
          FindingCode.PAYLOAD_NOT_IN_HEADER),
      QualityProperty.USABILITY, Set.of(FindingCode.HEADER_INVALID,
          FindingCode.HEADER_VERSION_UNSUPPORTED),
      QualityProperty.SECURITY, Set.of(FindingCode.UNSAFE_PATH, FindingCode.LINK_ENTRY,
          FindingCode.SPECIAL_ENTRY, FindingCode.DUPLICATE_ENTRY, FindingCode.NAME_COLLISION,
          FindingCode.EXPANSION_LIMIT)));

  /** What the apply observed, beside the verification. */
  record Observed(String signer, int records, int files, long bytes, String sequence,
      List<String> notApplied, List<String> unusable, int written,
      java.util.Optional<String> repaired) {}

  private QualityChecks() {}

  /** Returns the checks of a package that failed verification. */
  static List<PropertyCheck> ofRejected(List<Finding> findings, String signer) {
    List<PropertyCheck> out = new ArrayList<>();
    for (QualityProperty p : QualityProperty.values()) {
      List<Finding> against = against(p, findings);
      out.add(against.isEmpty()
          ? new PropertyCheck(p, true, "no finding against " + name(p)
              + (p == QualityProperty.AUTHENTICITY ? "; signed by " + signer : "")
              + "; the package was not applied because of other findings")
          : new PropertyCheck(p, false, describe(against)));
    }
    return out;
  }

  /** Returns the checks of a package that verified and was applied. */
  static List<PropertyCheck> ofApplied(Observed o) {
    List<PropertyCheck> out = new ArrayList<>();
    out.add(new PropertyCheck(QualityProperty.AUTHENTICITY, true, "signature valid, signed by "
        + o.signer() + "; all " + Plural.of(o.files(), "payload file") + " match the signed "
        + "manifest"));
    out.add(o.notApplied().isEmpty()
        ? new PropertyCheck(QualityProperty.INTEGRITY, true, Plural.of(o.records(), "record")
            + ", " + Plural.of(o.files(), "file") + ", " + Plural.of(o.bytes(), "byte")
            + " carried and applied; every record "
            + "held has its metadata.xml; " + o.sequence() + o.repaired().map(r -> "; " + r)
                .orElse(""))
        : new PropertyCheck(QualityProperty.INTEGRITY, false, o.notApplied().size() + " of "
            + Plural.of(o.records(), "record") + " not applied: "
            + String.join("; ", o.notApplied())));
    out.add(o.unusable().isEmpty()
        ? new PropertyCheck(QualityProperty.USABILITY, true, "every metadata.xml parses and "
            + "validates against archival-record.xsd; every file of the records re-read from "
            + "the replica")
        : new PropertyCheck(QualityProperty.USABILITY, false, String.join("; ", o.unusable())));
    out.add(new PropertyCheck(QualityProperty.SECURITY, true, "no unsafe path, link or special "
        + "entry in the package; all " + Plural.of(o.written(), "change") + " stayed inside the "
        + "replica"));
    return out;
  }

  private static List<Finding> against(QualityProperty p, List<Finding> findings) {
    return findings.stream().filter(f -> CODES.get(p).contains(f.code())).toList();
  }

  private static String describe(List<Finding> findings) {
    return Plural.of(findings.size(), "finding") + ": " + findings.stream().limit(5)
        .map(Object::toString).collect(Collectors.joining("; "))
        + (findings.size() > 5 ? "; ..." : "");
  }

  private static String name(QualityProperty p) {
    return p.name().toLowerCase(java.util.Locale.ROOT);
  }
}
