package org.gapsync.platform.console;

import java.util.Objects;

/**
 * The console's sign-in page ({@code console-sign-in.jte}), where people sign in with a
 * password.
 *
 * @param view its frame
 * @param problem why the last attempt failed, or empty
 * @param then the page to go to once signed in
 */
public record SignIn(ConsoleView view, String problem, String then) {
  /** Checks the parts. */
  public SignIn {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(then, "then");
  }
}
