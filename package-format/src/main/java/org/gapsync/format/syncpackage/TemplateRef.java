package org.gapsync.format.syncpackage;

import org.gapsync.format.PackageId;

/**
 * The destination template a package was shaped by.
 *
 * @param id the template's id
 * @param version its version, from 1
 */
public record TemplateRef(String id, long version) {
  /** Checks the id and that the version is positive. */
  public TemplateRef {
    PackageId.of(id);
    if (version < 1) {
      throw new IllegalArgumentException("template version < 1: " + version);
    }
  }
}
