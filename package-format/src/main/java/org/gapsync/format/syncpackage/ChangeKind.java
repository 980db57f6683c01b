package org.gapsync.format.syncpackage;

/** What happened to a record since the destination last received it. */
public enum ChangeKind {
  ADD,
  MODIFY,
  DELETE
}
