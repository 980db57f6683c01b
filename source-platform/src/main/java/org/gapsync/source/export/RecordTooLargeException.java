package org.gapsync.source.export;

import java.io.IOException;

/**
 * Signals a record that would not fit one volume of a set by itself even with its large files
 * in parts: what it carries besides them (many small files) is more than a volume holds.
 */
public final class RecordTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  RecordTooLargeException(String archivalId, long bytes, VolumeBudget budget) {
    super("record " + archivalId + " carries " + bytes + " bytes, more than one volume of "
        + budget.size() + " bytes holds beside the package's own files (" + budget.capacity()
        + " bytes) even with its largest files in parts; nothing was written and no record "
        + "was marked exported: choose a larger --volume-size (a larger disc), or send the "
        + "other records with --records and this one on a medium that holds it");
  }
}
