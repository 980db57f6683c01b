package org.gapsync.target.ledger;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gapsync.format.PackageId;

/**
 * Where a package written as a set of volumes stands while its volumes arrive: which are
 * applied, rejected or kept waiting for an earlier package, and which have not come.
 *
 * @param packageId the package id the set's volumes share
 * @param sourceId the source that sent it
 * @param sequence its place in the source's order
 * @param count how many volumes the set has
 * @param applied the volumes applied
 * @param rejected the volumes rejected (their receipts say why)
 * @param kept the volumes kept until the package's turn comes
 * @param lost the volumes declared lost ({@code package lost})
 */
public record SetProgress(PackageId packageId, String sourceId, long sequence, int count,
    List<Integer> applied, List<Integer> rejected, List<Integer> kept, List<Integer> lost) {
  /** Copies the lists. */
  public SetProgress {
    applied = List.copyOf(applied);
    rejected = List.copyOf(rejected);
    kept = List.copyOf(kept);
    lost = List.copyOf(lost);
  }

  /** Returns the volumes not seen here yet. */
  public List<Integer> missing() {
    TreeSet<Integer> seen = new TreeSet<>(applied);
    seen.addAll(rejected);
    seen.addAll(kept);
    seen.addAll(lost);
    return IntStream.rangeClosed(1, count).filter(v -> !seen.contains(v)).boxed().toList();
  }

  /**
   * Describes the set as an operator reads it: {@code package P: volumes 1 and 3 of 4
   * applied; waiting for 2 and 4}.
   */
  public String describe() {
    StringBuilder b = new StringBuilder("package " + packageId + " (sequence " + sequence
        + "): ");
    List<String> parts = new java.util.ArrayList<>();
    if (!applied.isEmpty()) {
      parts.add(volumes(applied) + " of " + count + " applied");
    }
    if (!rejected.isEmpty()) {
      parts.add(volumes(rejected) + (applied.isEmpty() ? " of " + count : "") + " rejected");
    }
    if (!lost.isEmpty()) {
      parts.add(volumes(lost) + (parts.isEmpty() ? " of " + count : "") + " declared lost");
    }
    if (!kept.isEmpty()) {
      parts.add(volumes(kept) + (parts.isEmpty() ? " of " + count : "") + " kept until the "
          + "package before it applies");
    }
    b.append(String.join(", ", parts));
    List<Integer> missing = missing();
    if (!missing.isEmpty()) {
      b.append(parts.isEmpty() ? "" : "; ").append("waiting for ").append(list(missing));
    }
    return b.toString();
  }

  private static String volumes(List<Integer> v) {
    return (v.size() == 1 ? "volume " : "volumes ") + list(v);
  }

  private static String list(List<Integer> v) {
    if (v.size() == 1) {
      return v.get(0).toString();
    }
    return v.subList(0, v.size() - 1).stream().map(Object::toString)
        .collect(Collectors.joining(", ")) + " and " + v.get(v.size() - 1);
  }
}
