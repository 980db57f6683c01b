package org.gapsync.format;

/**
 * Hears how far a long pass over a package has come, such as hashing its payload. It may be
 * called from several threads at once, many times per file; implementations must be quick and
 * thread-safe.
 */
@FunctionalInterface
public interface Progress {
  /** A listener that ignores everything. */
  Progress NONE = (total, done) -> { };

  /** Hears that {@code done} of {@code total} bytes are processed. */
  void advanced(long total, long done);
}
