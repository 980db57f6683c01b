package org.gapsync.format.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackagePath;

/**
 * The single top-level folder that a serialized bag keeps its files in (RFC 8493, section 4.2),
 * removed from entry names so that every form names files from the bag's root.
 */
final class BaseDirectory {
  private BaseDirectory() {}

  /**
   * Returns the base folder's name with a trailing slash, when every entry lies in one safe
   * top-level folder and no {@code bagit.txt} sits beside it; otherwise empty.
   */
  static Optional<String> of(List<String> names) {
    if (names.isEmpty() || names.contains("bagit.txt")) {
      return Optional.empty();
    }
    String first = names.get(0);
    int slash = first.indexOf('/');
    String top = slash < 0 ? first : first.substring(0, slash);
    // Never strip a segment that is itself unsafe: that would hide "../" from the checks.
    if (!PackagePath.isSafe(top)) {
      return Optional.empty();
    }
    String prefix = top + "/";
    for (String name : names) {
      if (!name.startsWith(prefix) && !name.equals(top) && !name.equals(prefix)) {
        return Optional.empty();
      }
    }
    return Optional.of(prefix);
  }

  /** Returns the names with {@code prefix} removed, dropping the base folder's own entry. */
  static List<String> strip(List<String> names, String prefix) {
    List<String> stripped = new ArrayList<>(names.size());
    for (String name : names) {
      stripped.add(name.startsWith(prefix) ? name.substring(prefix.length()) : "");
    }
    return stripped;
  }

  /** Removes a leading "./", which tar tools commonly write, from {@code name}. */
  static String withoutDotSlash(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    return n;
  }
}
