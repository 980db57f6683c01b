package org.gapsync.source.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackagePath;
import org.gapsync.format.bag.PayloadSource;
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.format.syncpackage.PayloadFile;
import org.gapsync.format.template.Template;
import org.gapsync.source.ledger.StoredFile;
import org.gapsync.source.ledger.StoredRecord;

/**
 * What a destination must hold of a record: its metadata shaped by the template, and the
 * content files the template sends, each with the bytes to carry and their digest.
 */
final class DesiredState {
  static final String METADATA = "metadata.xml";

  /** A file the destination must hold, and where its bytes come from. */
  record Wanted(FileState state, PayloadFile payload) {}

  private DesiredState() {}

  static List<Wanted> of(StoredRecord record, Template template) throws IOException {
    Path folder = Path.of(record.folder());
    Path metadataFile = folder.resolve(METADATA);
    byte[] shaped = shaped(metadataFile, record.files().get(METADATA), template);
    Digest shapedDigest = Digest.of(DigestAlgorithm.SHA256, shaped);
    List<Wanted> wanted = new ArrayList<>();
    PackagePath metaPath = new PackagePath(METADATA);
    // Shaped again when written, not kept: a package of a million records would hold a
    // gigabyte of metadata; the writer checks that the bytes are the ones planned.
    wanted.add(new Wanted(new FileState(metaPath, shaped.length, shapedDigest),
        new PayloadFile(metaPath, new Shaped(metadataFile, record.files().get(METADATA),
            template, shaped.length), Optional.of(shapedDigest))));
    for (StoredFile f : record.files().values()) {
      PackagePath p = new PackagePath(f.path());
      if (f.path().equals(METADATA) || !template.content().includes(p)) {
        continue;
      }
      Digest digest = Digest.parse(DigestAlgorithm.SHA256, f.sha256());
      wanted.add(new Wanted(new FileState(p, f.size(), digest), new PayloadFile(p,
          PayloadSource.ofFile(folder.resolve(f.path())), Optional.of(digest))));
    }
    wanted.sort(Comparator.comparing(w -> w.state().path()));
    return wanted;
  }

  /** Returns the record's metadata shaped by the template, if the file is as last scanned. */
  private static byte[] shaped(Path metadataFile, StoredFile stored, Template template)
      throws IOException {
    byte[] raw = Files.readAllBytes(metadataFile);
    if (stored == null || !Digest.of(DigestAlgorithm.SHA256, raw).hex().equals(
        stored.sha256())) {
      throw new HoldingsChangedException(metadataFile.toString(), null);
    }
    RecordMetadata metadata = RecordMetadata.read(metadataFile.toString(),
        () -> new java.io.ByteArrayInputStream(raw));
    return template.metadata().shape(metadata).toXml();
  }

  /** The template-shaped metadata of a record, shaped from its file when it is read. */
  private record Shaped(Path file, StoredFile stored, Template template, long size)
      implements PayloadSource {
    @Override
    public InputStream open() throws IOException {
      return new java.io.ByteArrayInputStream(shaped(file, stored, template));
    }

    @Override
    public String toString() {
      return file.toString();
    }
  }
}
