package org.gapsync.platform.cli;

import org.gapsync.platform.home.PlatformHome;

/** The root command of an application, which knows the platform home its commands work on. */
public interface PlatformRoot {
  /** Returns the home chosen by {@code --home}, the environment or the default. */
  PlatformHome home();

  /** Returns the root command of the command line that {@code spec} belongs to. */
  static PlatformRoot of(picocli.CommandLine.Model.CommandSpec spec) {
    return (PlatformRoot) spec.root().userObject();
  }
}
