package org.gapsync.format;

/** Signals a path that could escape its root or is ambiguous on some file system. */
public final class UnsafePathException extends PackageFormatException {
  private static final long serialVersionUID = 1L;
  private final String path;

  /** Creates an exception for {@code path}, with the reason it is refused. */
  public UnsafePathException(String path, String reason) {
    super("unsafe path " + quote(path) + ": " + reason);
    this.path = path;
  }

  /** Returns the refused path, as it was given. */
  public String path() {
    return path;
  }

  static String quote(String path) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
