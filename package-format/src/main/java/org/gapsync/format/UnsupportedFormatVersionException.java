package org.gapsync.format;

/** Signals a document whose format version this reader does not know. */
public final class UnsupportedFormatVersionException extends PackageFormatException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception naming the document, the version it declares and the one we know. */
  public UnsupportedFormatVersionException(String document, String version, String supported) {
    super(document + ": format version " + version + " is not supported (this reader knows "
        + supported + "); upgrade gapsync to read it");
  }
}
