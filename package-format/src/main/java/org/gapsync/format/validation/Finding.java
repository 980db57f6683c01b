package org.gapsync.format.validation;

import java.util.Objects;

/**
 * One thing wrong with a package or receipt.
 *
 * @param code what kind of problem it is
 * @param path the path in the package it concerns, or empty for the whole package
 * @param message what is wrong, with actual and expected values where there are any
 */
public record Finding(FindingCode code, String path, String message) {
  /** Checks that every part is present. */
  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** Returns a finding about the whole package rather than one path. */
  public static Finding of(FindingCode code, String message) {
    return new Finding(code, "", message);
  }

  /** Returns the finding as one line: {@code CODE path: message}. */
  @Override
  public String toString() {
    return code + " " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
