package org.gapsync.format.receipt;

/**
 * Whether a target accepted a package (it verified) or rejected it whole, or (format 1.2, a
 * volume of a set only) that its operator declared the volume lost or unreadable, so that
 * nothing of it was applied and its records must come again.
 */
public enum PackageOutcome {
  ACCEPTED,
  REJECTED,
  LOST
}
