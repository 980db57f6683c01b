package org.gapsync.format.receipt;

/** The four properties an archive checks on every transfer (DA/T 70). */
public enum QualityProperty {
  AUTHENTICITY,
  INTEGRITY,
  USABILITY,
  SECURITY
}
