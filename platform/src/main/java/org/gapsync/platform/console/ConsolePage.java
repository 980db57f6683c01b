package org.gapsync.platform.console;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.gapsync.platform.access.Permitted;
import org.gapsync.platform.access.Role;

/**
 * One page of a console: where it is, what the navigation calls it, who may see it and what it
 * answers.
 *
 * @param path its path, such as {@code /records}
 * @param label what the navigation calls it, or empty for a page reached only by links
 * @param roles the roles any one of which may see it
 * @param answer what it answers a request with
 */
public record ConsolePage(String path, String label, Set<Role> roles, Answering answer) {
  /** What a page answers. */
  @FunctionalInterface
  public interface Answering {
    /** Returns the answer to {@code request}. */
    ConsoleAnswer answer(ConsoleRequest request) throws IOException;
  }

  /** Checks and copies the parts. */
  public ConsolePage {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(label, "label");
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("page " + path + " names no role");
    }
    roles = Set.copyOf(roles);
    Objects.requireNonNull(answer, "answer");
  }

  /**
   * Returns the page at {@code path} that the roles of {@code command} may see: the command
   * that shows the same on the command line, whose {@link Permitted} roles the page keeps.
   */
  public static ConsolePage of(String path, String label, Class<?> command,
      Answering answer) {
    return new ConsolePage(path, label, rolesOf(command), answer);
  }

  /** Returns the roles {@code command} is {@link Permitted} to. */
  public static Set<Role> rolesOf(Class<?> command) {
    Permitted permitted = command.getAnnotation(Permitted.class);
    if (permitted == null) {
      throw new IllegalArgumentException(command.getName() + " names no roles");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    roles.addAll(Arrays.asList(permitted.value()));
    return roles;
  }

  /** Returns whether a user holding {@code held} may see it. */
  public boolean isOpenTo(Set<Role> held) {
    return held.stream().anyMatch(roles::contains);
  }

  /** Returns whether the navigation shows it. */
  public boolean isListed() {
    return !label.isEmpty();
  }
}
