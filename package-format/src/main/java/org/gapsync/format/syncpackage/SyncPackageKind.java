package org.gapsync.format.syncpackage;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.FileState;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.BagContents;
import org.gapsync.format.bag.BagInfo;
import org.gapsync.format.bag.BagLayout;
import org.gapsync.format.bag.HeaderKind;
import org.gapsync.format.manifest.Manifest;
import org.gapsync.format.validation.FindingCode;
import org.gapsync.format.validation.ValidationReport;
import org.gapsync.format.xml.XmlCodec;

/** The sync package as a kind of bag: its header and how the header must agree with the bag. */
public final class SyncPackageKind implements HeaderKind<PackageHeader> {
  /** The header document's path. */
  public static final PackagePath DOCUMENT = new PackagePath("sync/package.xml");
  /** The one instance; it holds no state. */
  public static final SyncPackageKind INSTANCE = new SyncPackageKind();

  private SyncPackageKind() {}

  @Override
  public PackagePath document() {
    return DOCUMENT;
  }

  @Override
  public String displayName() {
    return "sync package";
  }

  @Override
  public PackageHeader read(XmlCodec.Source source) throws IOException {
    return HeaderXml.read(source);
  }

  @Override
  public Map<PackagePath, Long> declaredPayload(PackageHeader header) {
    Map<PackagePath, Long> declared = new HashMap<>();
    for (RecordChange r : header.records()) {
      r.files().forEach(f -> declared.put(r.payloadPath(f.path()), f.size()));
    }
    return declared;
  }

  @Override
  public String signerId(PackageHeader header) {
    return header.sourcePlatform();
  }

  @Override
  public void check(PackageHeader header, BagContents bag, ValidationReport.Builder out) {
    bag.checkExternalIdentifier(header.packageId().value(), "package id", out);
    Optional<Manifest> manifest = bag.manifest();
    Map<PackagePath, Digest> listed = manifest.map(Manifest::asMap).orElse(Map.of());
    Map<PackagePath, Long> declared = bag.declared();
    for (RecordChange r : header.records()) {
      for (FileState f : r.files()) {
        PackagePath p = r.payloadPath(f.path());
        checkFile(r, f, p, listed.get(p), manifest.isPresent(), out);
      }
    }
    // Listed or present, each path once: the manifest's first, then what only the container has.
    listed.keySet().stream().filter(BagLayout::isPayload).filter(p -> !declared.containsKey(p))
        .forEach(p -> notInHeader(p, out));
    bag.files().stream().filter(BagLayout::isPayload).filter(p -> !listed.containsKey(p))
        .filter(p -> !declared.containsKey(p)).forEach(p -> notInHeader(p, out));
  }

  private static void notInHeader(PackagePath p, ValidationReport.Builder out) {
    out.add(FindingCode.PAYLOAD_NOT_IN_HEADER, p.value(),
        "in the payload but not named by any record of the header");
  }

  private static void checkFile(RecordChange r, FileState f, PackagePath p, Digest listed,
      boolean hasManifest, ValidationReport.Builder out) {
    if (listed == null) {
      if (hasManifest) {
        out.add(FindingCode.HEADER_FILE_MISSING, p.value(), "record " + r.archivalId()
            + " names this file but the payload manifest does not list it");
      }
      return;
    }
    if (!listed.equals(f.digest())) {
      out.add(FindingCode.HEADER_MISMATCH, p.value(), "header sha256 " + f.digest().hex()
          + " != manifest " + listed.hex());
    }
  }

  /** Returns the bag-info of a package of {@code records} records, before {@code Payload-Oxum}. */
  static BagInfo bagInfo(PackageSpec spec, long records, String algorithm) {
    return BagInfo.forGapsync(spec.packageId().value(), spec.created(),
        "gapsync sync package from " + spec.sourcePlatform() + " to " + spec.destination()
            + ", sequence " + spec.sequence() + ", " + records + " records",
        DOCUMENT, algorithm);
  }
}
