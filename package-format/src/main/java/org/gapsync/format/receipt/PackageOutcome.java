package org.gapsync.format.receipt;

/** Whether a target accepted a package (it verified) or rejected it whole. */
public enum PackageOutcome {
  ACCEPTED,
  REJECTED
}
