package org.gapsync.format.receipt;

/** What a target did with one record of a package. */
public enum RecordOutcome {
  APPLIED,
  ALREADY_APPLIED,
  REJECTED
}
