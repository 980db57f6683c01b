package org.gapsync.format.syncpackage;

import java.util.Locale;
import org.gapsync.format.Fingerprints;
import org.gapsync.format.PackageId;

/**
 * Gives each record of a package its payload folder: its archival id where that is a safe file
 * name, otherwise the id with unsafe characters replaced, made unique without regard to case.
 * Each folder given is remembered by its {@link Fingerprints fingerprint}, 16 bytes a record
 * instead of a set of strings: a fingerprint that repeats makes the next folder take a suffix,
 * so a folder is never given twice; two different names share a fingerprint in about one
 * package of a million records in 40 million, and then one folder merely carries a suffix it
 * did not need.
 */
final class FolderNames {
  private final Fingerprints given = new Fingerprints();

  /** Returns the folder for the record {@code archivalId}, never one given before. */
  String next(String archivalId) {
    String base = archivalId.replaceAll("[^A-Za-z0-9._\\-]", "_");
    if (base.length() > 100) {
      base = base.substring(0, 100);
    }
    if (!PackageId.isValid(base)) {
      base = "r" + base;
    }
    String folder = base;
    for (int n = 2; !given.add(folder.toLowerCase(Locale.ROOT)); n++) {
      folder = base + "_" + n;
    }
    return folder;
  }
}
