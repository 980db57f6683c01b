package org.gapsync.format.template;

/** What a destination is for. */
public enum Purpose {
  /** An identical copy: every record's metadata and content. */
  BACKUP,
  /** A copy for use, such as a reading room: a subset. */
  UTILIZATION,
  /** Anything else. */
  CUSTOM
}
