package org.gapsync.format;

import java.util.HashSet;
import java.util.Set;

/**
 * Finds names given twice among millions without keeping them: a first pass remembers each
 * name by its {@link Fingerprints fingerprint}; only when a fingerprint repeats does a second
 * pass look, by name, at the few names that share one. Not thread-safe.
 *
 * <pre>{@code
 * Repeats ids = new Repeats();
 * for (Record r : records) { ids.note(r.id()); }
 * if (ids.mayRepeat()) {
 *   for (Record r : records) { if (ids.isRepeated(r.id())) { refuse(r.id()); } }
 * }
 * }</pre>
 */
public final class Repeats {
  private final Fingerprints seen = new Fingerprints();
  private final Set<Long> suspects = new HashSet<>();
  private final Set<String> named = new HashSet<>();

  /** Notes {@code name} in the first pass. */
  public void note(String name) {
    long f = seen.of(name);
    if (!seen.add(f)) {
      suspects.add(f);
    }
  }

  /** Returns whether a fingerprint repeated in the first pass, so a second pass must look. */
  public boolean mayRepeat() {
    return !suspects.isEmpty();
  }

  /**
   * In the second pass, returns whether {@code name} was already given earlier in this pass:
   * looked at by name only when its fingerprint repeated in the first.
   */
  public boolean isRepeated(String name) {
    return suspects.contains(seen.of(name)) && !named.add(name);
  }
}
