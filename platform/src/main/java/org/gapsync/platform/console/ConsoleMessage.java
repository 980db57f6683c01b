package org.gapsync.platform.console;

import java.util.Objects;

/**
 * A console page that says one thing ({@code console-message.jte}): why a page cannot be shown,
 * or that the user has signed out.
 *
 * @param view its frame
 * @param message what it says
 * @param signIn where to sign in again, or empty
 */
public record ConsoleMessage(ConsoleView view, String message, String signIn) {
  /** Checks the parts. */
  public ConsoleMessage {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signIn, "signIn");
  }
}
