package org.gapsync.source.export;

import java.util.Optional;
import org.gapsync.format.signature.KeySuccession;

/**
 * What ingesting one file that came back from a destination did: a receipt, a damage report
 * or a gap notice.
 */
public sealed interface Ingested permits IngestResult, DamageResult, GapResult {
  /**
   * Returns the destination's new certificate, trusted from now on because its earlier, trusted
   * key announced it in what was ingested (the destination rotated its key).
   */
  Optional<KeySuccession.Announcement> adopted();
}
