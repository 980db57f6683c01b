package org.gapsync.source.export;

import java.io.IOException;
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
import org.gapsync.format.record.RecordMetadata;
import org.gapsync.format.template.Template;
import org.gapsync.source.ledger.StoredFile;
import org.gapsync.source.ledger.StoredRecord;

/**
 * What a destination must hold of a record: its metadata shaped by the template, and the
 * content files the template sends, each with the bytes to carry and their digest.
 */
final class DesiredState {
  static final String METADATA = "metadata.xml";

  private DesiredState() {}

  /**
   * Returns every file the destination must hold of {@code record}, by path: its metadata shaped
   * by the template, with its bytes, and the content files the template sends.
   *
   * @throws HoldingsChangedException when the metadata file is not as last scanned
   */
  static List<BuildPlan.Wanted> of(StoredRecord record, Template template) throws IOException {
    Path folder = Path.of(record.folder());
    StoredFile stored = record.files().get(METADATA);
    byte[] shaped = shaped(folder.resolve(METADATA), stored == null ? "" : stored.sha256(),
        template);
    List<BuildPlan.Wanted> wanted = new ArrayList<>();
    wanted.add(new BuildPlan.Wanted(new FileState(new PackagePath(METADATA), shaped.length,
        Digest.of(DigestAlgorithm.SHA256, shaped)), false, Optional.of(shaped)));
    for (StoredFile f : record.files().values()) {
      PackagePath p = new PackagePath(f.path());
      if (f.path().equals(METADATA) || !template.content().includes(p)) {
        continue;
      }
      wanted.add(new BuildPlan.Wanted(new FileState(p, f.size(),
          Digest.parse(DigestAlgorithm.SHA256, f.sha256())), false, Optional.empty()));
    }
    wanted.sort(Comparator.comparing(w -> w.state().path()));
    return wanted;
  }

  /** Returns the record's metadata shaped by the template, if the file is as last scanned. */
  private static byte[] shaped(Path metadataFile, String sha256, Template template)
      throws IOException {
    byte[] raw = Files.readAllBytes(metadataFile);
    if (!Digest.of(DigestAlgorithm.SHA256, raw).hex().equals(sha256)) {
      throw new HoldingsChangedException(metadataFile.toString(), null);
    }
    RecordMetadata metadata = RecordMetadata.read(metadataFile.toString(),
        () -> new java.io.ByteArrayInputStream(raw));
    return template.metadata().shape(metadata).toXml();
  }
}
