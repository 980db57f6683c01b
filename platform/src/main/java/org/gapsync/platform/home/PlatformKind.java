package org.gapsync.platform.home;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.gapsync.platform.access.Role;

/** The two kinds of platform, each with its own application. */
public enum PlatformKind {
  /** The archive's source network, where records are captured and packages built. */
  SOURCE("source-platform", EnumSet.of(Role.ADMIN, Role.ARCHIVIST, Role.AUDITOR),
      Set.of("destination", "template", "holdings", "queue", "receipt", "package build")),
  /** An isolated target network, where packages are applied to a replica. */
  TARGET("target-platform", EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.AUDITOR),
      Set.of("replica", "package import"));

  private final String command;
  private final Set<Role> roles;
  private final Set<String> ownCommands;

  PlatformKind(String command, Set<Role> roles, Set<String> ownCommands) {
    this.command = command;
    this.roles = Collections.unmodifiableSet(roles);
    this.ownCommands = ownCommands;
  }

  /**
   * Returns the commands only this kind's application has, as typed after its name
   * ({@code "receipt"}, {@code "package import"}): a user who types one to the other
   * application is told where it belongs.
   */
  public Set<String> ownCommands() {
    return ownCommands;
  }

  /** Returns the roles a user can hold on this kind of platform. */
  public Set<Role> roles() {
    return roles;
  }

  /** Returns the name of the kind's application, as typed on the command line. */
  public String command() {
    return command;
  }
}
