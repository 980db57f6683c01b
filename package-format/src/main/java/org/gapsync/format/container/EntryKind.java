package org.gapsync.format.container;

/** What a container entry is; only files and folders belong in a package. */
public enum EntryKind {
  FILE,
  DIRECTORY,
  SYMBOLIC_LINK,
  HARD_LINK,
  /** A device, fifo, socket or anything else. */
  SPECIAL
}
