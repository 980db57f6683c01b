package org.gapsync.target.replica;

/**
 * Named moments of an import at which a test may stop the JVM dead, as a power cut would:
 * started with {@code -Dgapsync.crash-at=NAME}, the process halts with {@link #EXIT_CODE} on
 * reaching the point. Without the property nothing happens. The crash tests use it to prove
 * that the next command recovers every such moment.
 */
public final class CrashPoint {
  /** The exit code of a halt at a crash point. */
  public static final int EXIT_CODE = 97;
  /** The system property naming the point to halt at. */
  public static final String PROPERTY = "gapsync.crash-at";

  private CrashPoint() {}

  /** Halts the JVM at once if {@code name} is the point chosen by the system property. */
  public static void reach(String name) {
    if (name.equals(System.getProperty(PROPERTY))) {
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }
}
