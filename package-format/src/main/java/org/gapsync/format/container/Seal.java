package org.gapsync.format.container;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Transforms a package's bytes on their way to the medium, as encryption to a recipient does.
 * Only a tar package can be sealed: it is the one form written front to back as a stream.
 */
public interface Seal {
  /** Leaves the bytes as they are. */
  Seal NONE = new Seal() {
    @Override
    public OutputStream wrap(OutputStream medium) {
      return medium;
    }

    @Override
    public String extension() {
      return "";
    }
  };

  /**
   * Returns a stream that writes the sealed form of what it is given to {@code medium}, and
   * closes {@code medium} when it is closed.
   */
  OutputStream wrap(OutputStream medium) throws IOException;

  /** Returns what the sealed package's file name ends with after the form's own extension. */
  String extension();
}
