package org.gapsync.format.receipt;

import java.util.List;
import org.gapsync.format.ArchivalId;
import org.gapsync.format.FileState;

/**
 * One record a target found damaged in its replica.
 *
 * @param archivalId the record's archival id
 * @param version the version the replica holds
 * @param damage what is wrong, one line per file missing, extra or changed
 * @param files every file the record's folder holds now, re-read from the replica
 */
public record DamagedRecord(String archivalId, long version, List<String> damage,
    List<FileState> files) {
  /** Checks the parts and copies the lists; a damaged record names its damage. */
  public DamagedRecord {
    ArchivalId.check(archivalId);
    damage = List.copyOf(damage);
    files = List.copyOf(files);
    if (version < 1) {
      throw new IllegalArgumentException("version < 1: " + version);
    }
    if (damage.isEmpty()) {
      throw new IllegalArgumentException("a damaged record needs its damage: " + archivalId);
    }
  }
}
