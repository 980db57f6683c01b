package org.gapsync.format;

/** The rule for archival ids: 1 to 200 characters, no white space, no slash or backslash. */
public final class ArchivalId {
  private ArchivalId() {}

  /** Returns {@code id} if it follows the rule, otherwise throws. */
  public static String check(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("not a valid archival id (1 to 200 characters, "
          + "no white space, '/' or '\\'): " + id);
    }
    return id;
  }

  /** Returns whether {@code id} follows the rule. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > 200) {
      return false;
    }
    return id.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
        || c == '/' || c == '\\');
  }
}
