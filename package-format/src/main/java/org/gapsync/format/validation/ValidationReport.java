package org.gapsync.format.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every finding of one verification, in the order they were found. A report with no findings
 * means the package or receipt is valid.
 *
 * @param findings what is wrong, possibly nothing
 */
public record ValidationReport(List<Finding> findings) {
  /** Copies the findings. */
  public ValidationReport {
    findings = List.copyOf(findings);
  }

  /** Returns whether nothing was found wrong. */
  public boolean isValid() {
    return findings.isEmpty();
  }

  /** Returns the distinct codes found, in the order first found. */
  public Set<FindingCode> codes() {
    return findings.stream()
        .map(Finding::code)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  /** Returns whether a finding with {@code code} was found. */
  public boolean has(FindingCode code) {
    return findings.stream().anyMatch(f -> f.code() == code);
  }

  /** Collects findings, from several threads if need be, into a report. */
  public static final class Builder {
    private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());

    /** Adds a finding about {@code path}. */
    public Builder add(FindingCode code, String path, String message) {
      findings.add(new Finding(code, path, message));
      return this;
    }

    /** Adds a finding. */
    public Builder add(Finding finding) {
      findings.add(finding);
      return this;
    }

    /** Returns whether a finding with {@code code} has been added. */
    public boolean has(FindingCode code) {
      synchronized (findings) {
        return findings.stream().anyMatch(f -> f.code() == code);
      }
    }

    /** Returns the report of what was added so far. */
    public ValidationReport build() {
      synchronized (findings) {
        return new ValidationReport(findings);
      }
    }
  }
}
