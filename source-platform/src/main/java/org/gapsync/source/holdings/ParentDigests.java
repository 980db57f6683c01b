package org.gapsync.source.holdings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gapsync.source.holdings.HoldingsTree.Batch;
import org.gapsync.source.holdings.HoldingsTree.Walked;
import org.gapsync.source.ledger.Transaction;

/**
 * The ledger's digest of each parent folder of records: the digest of its live records' folders
 * and stat digests. A walked folder with the same digest holds exactly the records the ledger
 * knows there, each with its files' names, sizes and times unchanged, so a scan compares none
 * of them one by one. The ledger's digests are recomputed from its record rows after a scan has
 * written them, for every parent folder that was not found unchanged.
 */
final class ParentDigests {
  private final Map<String, Optional<String>> stored;
  private final Set<String> unchanged = new HashSet<>();
  private final Set<String> compared = new HashSet<>();

  private ParentDigests(Map<String, Optional<String>> stored) {
    this.stored = stored;
  }

  /** Reads the ledger's digests. */
  static ParentDigests read(Transaction tx) throws IOException {
    return new ParentDigests(tx.records().parentDigests());
  }

  /**
   * Returns whether the walked records of a folder are the ones the ledger knows there, each
   * with its files' names, sizes and times unchanged.
   */
  boolean matches(Batch batch) {
    return stored.getOrDefault(batch.parent(), Optional.empty())
        .equals(Optional.of(batch.digest()));
  }

  /** Notes a folder walked, and whether its records were left as they are. */
  void walked(String parent, boolean isUnchanged) {
    (isUnchanged ? unchanged : compared).add(parent);
  }

  /** Returns whether {@code parent} was walked and found unchanged. */
  boolean isUnchanged(String parent) {
    return unchanged.contains(parent);
  }

  /** Returns the folders where the ledger knows records and which were not walked (yet). */
  List<String> notWalked() {
    List<String> left = new ArrayList<>();
    for (String parent : stored.keySet()) {
      if (!unchanged.contains(parent) && !compared.contains(parent)) {
        left.add(parent);
      }
    }
    return left;
  }

  /**
   * Recomputes, from the ledger's records, the digest of every folder that was not found
   * unchanged, and of {@code more}.
   */
  void refresh(Transaction tx, Collection<String> more) throws IOException {
    Set<String> parents = new HashSet<>(compared);
    parents.addAll(notWalked());
    parents.addAll(more);
    for (String parent : parents) {
      Map<String, Optional<String>> live = tx.records().liveIn(parent);
      if (live.isEmpty()) {
        if (stored.containsKey(parent)) {
          tx.records().removeParent(parent);
        }
        continue;
      }
      Optional<String> digest = digestOf(live);
      if (!digest.equals(stored.get(parent))) {
        tx.records().putParentDigest(parent, digest);
      }
    }
  }

  /** Returns the digest of a folder's live records; empty when one has no stat digest. */
  private static Optional<String> digestOf(Map<String, Optional<String>> live) {
    List<Walked> records = new ArrayList<>();
    for (Map.Entry<String, Optional<String>> r : live.entrySet()) {
      if (r.getValue().isEmpty()) {
        return Optional.empty();
      }
      records.add(new Walked(r.getKey(), r.getValue().get()));
    }
    return Optional.of(HoldingsTree.digestOf(records));
  }
}
