package org.gapsync.format.syncpackage;

import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.gapsync.format.FileState;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.BagContents;
import org.gapsync.format.bag.BagInfo;
import org.gapsync.format.bag.DeclaredFile;
import org.gapsync.format.bag.HeaderKind;
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
  public boolean declaresPayload() {
    return true;
  }

  @Override
  public Iterable<DeclaredFile> declaredPayload(PackageHeader header) {
    return () -> new Iterator<>() {
      private final Iterator<RecordChange> records = header.records().iterator();
      private RecordChange record;
      private Iterator<FileState> files = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!files.hasNext() && records.hasNext()) {
          record = records.next();
          files = record.files().iterator();
        }
        return files.hasNext();
      }

      @Override
      public DeclaredFile next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        FileState f = files.next();
        // A file carried in parts: this volume's payload holds its part.
        return new DeclaredFile(record.payloadPath(f.path()), record.payloadSize(f),
            record.payloadDigest(f), "record " + record.archivalId());
      }
    };
  }

  @Override
  public String signerId(PackageHeader header) {
    return header.sourcePlatform();
  }

  @Override
  public void check(PackageHeader header, BagContents bag, ValidationReport.Builder out) {
    int count = header.volume().map(org.gapsync.format.Volume::count).orElse(1);
    for (RecordChange r : header.records()) {
      boolean isWithin = r.spans() <= count && r.parts().values().stream().allMatch(
          p -> p.count() <= count);
      if (!isWithin) {
        out.add(FindingCode.HEADER_MISMATCH, DOCUMENT.value(), "record " + r.archivalId()
            + " spans " + r.spans() + " volumes (its largest file in up to " + r.parts()
            .values().stream().mapToInt(FilePart::count).max().orElse(1) + " parts), but the "
            + (count == 1 ? "package is written whole" : "set has " + count));
      }
    }
    if (header.volume().isEmpty()) {
      bag.checkExternalIdentifier(header.packageId().value(), "package id", out);
      bag.checkLabel("Bag-Count", "1 of 1", "a package written whole:", out);
      return;
    }
    bag.checkExternalIdentifier(header.bagName().value(), "volume name", out);
    bag.checkLabel("Bag-Group-Identifier", header.packageId().value(), "package id", out);
    bag.checkLabel("Bag-Count", header.volume().get().bagCount(), "volume", out);
  }

  /** Returns the bag-info of a package of {@code records} records, before {@code Payload-Oxum}. */
  static BagInfo bagInfo(PackageSpec spec, long records, String algorithm) {
    String description = "gapsync sync package from " + spec.sourcePlatform() + " to "
        + spec.destination() + ", sequence " + spec.sequence();
    if (spec.volume().isEmpty()) {
      return BagInfo.forGapsync(spec.packageId().value(), spec.created(), description + ", "
          + records + " records", DOCUMENT, algorithm);
    }
    return BagInfo.forGapsync(spec.bagName().value(), spec.packageId().value(),
        spec.volume().get().bagCount(), spec.created(), description + ", " + spec.volume()
            .get() + " of package " + spec.packageId() + ", " + records + " records", DOCUMENT,
        algorithm);
  }
}
