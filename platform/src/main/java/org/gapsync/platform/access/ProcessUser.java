package org.gapsync.platform.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user this process runs as, as the operating system knows it: the name its user database
 * gives the process's uid. Never a system property ({@code user.name}, which
 * {@code -Duser.name=} or {@code JAVA_TOOL_OPTIONS} set) nor an environment variable
 * ({@code USER}, {@code LOGNAME}), which whoever starts the process chooses.
 *
 * <pre>{@code
 * String who = ProcessUser.name();
 * }</pre>
 */
public final class ProcessUser {
  private ProcessUser() {}

  /**
   * Returns the name of the user this process runs as.
   *
   * @throws IOException if the operating system does not say, or the uid has no name
   */
  public static String name() throws IOException {
    var user = ProcessHandle.current().info().user();
    if (user.isPresent() && !user.get().isBlank()) {
      return user.get();
    }
    throw new IOException("cannot tell which user runs this command: the operating system "
        + "names no user for this process" + uid() + "; give the account a name in the "
        + "system's user database and run again");
  }

  private static String uid() {
    try {
      return " (uid " + Files.getAttribute(Path.of("/proc/self"), "unix:uid") + ")";
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "";
    }
  }
}
