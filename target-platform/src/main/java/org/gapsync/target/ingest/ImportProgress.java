package org.gapsync.target.ingest;

/**
 * Hears how far each step of importing a package has come, so that an operator watching a
 * large import sees it move. Called from several threads, many times per file: implementations
 * must be quick and thread-safe. A listener may stop the import by throwing a {@link
 * java.util.concurrent.CancellationException}: the package in progress is then not applied, as
 * if it had failed, and those applied before it stay applied.
 */
@FunctionalInterface
public interface ImportProgress {
  /** A listener that ignores everything. */
  ImportProgress NONE = (name, step, total, done) -> { };

  /** The steps of importing one package, each a pass over its bytes or records. */
  enum Step {
    /** Hashing the whole payload on the medium: bytes. */
    VERIFY("verify", true),
    /** Copying the files to apply into the work folder, hashing them again: bytes. */
    STAGE("stage", true),
    /** Re-reading the changed records from the replica for the receipt: records. */
    REREAD("re-read", false);

    private final String label;
    private final boolean isBytes;

    Step(String label, boolean isBytes) {
      this.label = label;
      this.isBytes = isBytes;
    }

    /** Returns the step's name as shown to people. */
    public String label() {
      return label;
    }

    /** Returns whether the step counts bytes (otherwise records). */
    public boolean isBytes() {
      return isBytes;
    }
  }

  /** Hears that {@code done} of {@code total} of {@code step} of package {@code name} are done. */
  void advanced(String name, Step step, long total, long done);
}
