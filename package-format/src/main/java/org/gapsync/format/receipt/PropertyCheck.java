package org.gapsync.format.receipt;

import java.util.Objects;

/**
 * The check of one of the four properties.
 *
 * @param property which property
 * @param isPassed whether it passed
 * @param detail what was checked, and why it failed if it did
 */
public record PropertyCheck(QualityProperty property, boolean isPassed, String detail) {
  /** Checks that every part is present. */
  public PropertyCheck {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(detail, "detail");
  }
}
