package org.gapsync.format;

import java.util.List;

/** Signals a destination template that breaks its schema or its rules, with every violation. */
public final class TemplateInvalidException extends PackageFormatException {
  private static final long serialVersionUID = 1L;
  private final List<String> violations;

  /** Creates an exception for the template {@code name} with all its violations. */
  public TemplateInvalidException(String name, List<String> violations) {
    super(name + ": invalid template, " + violations.size() + " violation"
        + (violations.size() == 1 ? "" : "s") + ": " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  /** Returns every violation, each on its own. */
  public List<String> violations() {
    return violations;
  }
}
