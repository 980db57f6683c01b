package org.gapsync.platform.home;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.gapsync.platform.access.Role;

/** The two kinds of platform, each with its own application. */
public enum PlatformKind {
  /** The archive's source network, where records are captured and packages built. */
  SOURCE("source-platform", EnumSet.of(Role.ADMIN, Role.ARCHIVIST, Role.AUDITOR)),
  /** An isolated target network, where packages are applied to a replica. */
  TARGET("target-platform", EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.AUDITOR));

  private final String command;
  private final Set<Role> roles;

  PlatformKind(String command, Set<Role> roles) {
    this.command = command;
    this.roles = Collections.unmodifiableSet(roles);
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
