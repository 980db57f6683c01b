package org.gapsync.platform.home;

/** The two kinds of platform, each with its own application. */
public enum PlatformKind {
  /** The archive's source network, where records are captured and packages built. */
  SOURCE("source-platform"),
  /** An isolated target network, where packages are applied to a replica. */
  TARGET("target-platform");

  private final String command;

  PlatformKind(String command) {
    this.command = command;
  }

  /** Returns the name of the kind's application, as typed on the command line. */
  public String command() {
    return command;
  }
}
