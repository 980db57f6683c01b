package org.gapsync.format.syncpackage;

import java.io.IOException;
import java.util.List;

/**
 * The records of a package being written, a batch at a time and in the order they go into the
 * package: a source may read them from a ledger as the writer asks, so that a package of a
 * million records never has them all in memory at once.
 */
@FunctionalInterface
public interface RecordSource {
  /** Returns the next batch; an empty batch ends the records. */
  List<RecordContent> next() throws IOException;

  /** Returns a source of {@code records}, in batches of a few hundred. */
  static RecordSource of(List<RecordContent> records) {
    List<RecordContent> all = List.copyOf(records);
    int[] at = {0};
    return () -> {
      int from = at[0];
      at[0] = Math.min(all.size(), from + 512);
      return all.subList(from, at[0]);
    };
  }
}
