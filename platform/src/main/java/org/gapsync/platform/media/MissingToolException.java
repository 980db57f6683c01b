package org.gapsync.platform.media;

import java.io.IOException;

/** Signals a system tool a command needs that is not installed: an environment error. */
public final class MissingToolException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code tool}, which the Debian package {@code debian} installs. */
  public MissingToolException(String tool, String debian, String purpose) {
    super(tool + " is not installed here, and " + purpose + " needs it: install the Debian "
        + "package " + debian + " (apt-get install " + debian + ") and run the command again; "
        + "nothing was changed");
  }
}
