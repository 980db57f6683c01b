package org.gapsync.format;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * A relative path inside a package, with forward slashes, that cannot escape its root: no
 * {@code ..} or {@code .} segment, no empty segment, no leading slash, no backslash, no drive
 * letter, no control character.
 *
 * <pre>{@code
 * PackagePath p = PackagePath.parse("data/r1/scan.pdf");
 * Path onDisk = p.resolveIn(root);
 * }</pre>
 *
 * @param value the checked path
 */
public record PackagePath(String value) implements Comparable<PackagePath> {
  private static final int MAX_LENGTH = 4096;

  /** Checks the value; use {@link #parse} for input that may be hostile. */
  public PackagePath {
    Objects.requireNonNull(value, "value");
    String problem = problemWith(value);
    if (problem != null) {
      throw new IllegalArgumentException(UnsafePathException.quote(value) + ": " + problem);
    }
  }

  /** Parses untrusted text into a path, refusing anything that could escape its root. */
  public static PackagePath parse(String text) throws UnsafePathException {
    Objects.requireNonNull(text, "text");
    String problem = problemWith(text);
    if (problem != null) {
      throw new UnsafePathException(text, problem);
    }
    return new PackagePath(text);
  }

  /** Returns whether {@code text} would be accepted by {@link #parse}. */
  public static boolean isSafe(String text) {
    return problemWith(text) == null;
  }

  /** Returns the path of {@code child} (itself a relative path) below this one. */
  public PackagePath resolve(String child) throws UnsafePathException {
    return parse(value + "/" + child);
  }

  /** Returns the part of this path below {@code prefix}, if this path lies below it. */
  public java.util.Optional<String> relativeTo(String prefix) {
    String p = prefix.endsWith("/") ? prefix : prefix + "/";
    return value.startsWith(p) && value.length() > p.length()
        ? java.util.Optional.of(value.substring(p.length()))
        : java.util.Optional.empty();
  }

  /** Returns whether this path lies below the folder {@code prefix}. */
  public boolean isBelow(String prefix) {
    return relativeTo(prefix).isPresent();
  }

  /** Returns the file this path names below {@code root}, checked to stay below it. */
  public Path resolveIn(Path root) {
    Path base = root.toAbsolutePath().normalize();
    Path resolved = base.resolve(value).normalize();
    if (!resolved.startsWith(base)) {
      throw new AssertionError("checked path escaped its root: " + value);
    }
    return resolved;
  }

  /**
   * Returns the key under which two paths collide on a case-insensitive or normalizing file
   * system: Unicode NFC, then lower case.
   */
  public String collisionKey() {
    return Normalizer.normalize(value, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  @Override
  public int compareTo(PackagePath other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String problemWith(String text) {
    if (text.isEmpty()) {
      return "empty path";
    }
    if (text.length() > MAX_LENGTH) {
      return "longer than " + MAX_LENGTH + " characters";
    }
    if (text.startsWith("/")) {
      return "absolute path";
    }
    if (text.indexOf('\\') >= 0) {
      return "backslash in path";
    }
    if (text.length() >= 2 && text.charAt(1) == ':' && Character.isLetter(text.charAt(0))) {
      return "drive letter";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || c == ':') {
        return c == ':' ? "colon in path" : "control character in path";
      }
    }
    for (String segment : text.split("/", -1)) {
      if (segment.isEmpty()) {
        return "empty segment";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "'" + segment + "' segment";
      }
    }
    return null;
  }
}
