package org.gapsync.target.ledger;

/** Where a received package stands. */
public enum PackageState {
  /** Verified and kept until the package before it in sequence has been applied. */
  WAITING,
  /** Applied to the replica. */
  APPLIED,
  /** Failed verification; nothing of it was applied. */
  REJECTED,
  /**
   * A volume of a set that its operator declared lost or unreadable ({@code package lost}):
   * never applied, answered by a receipt that says so, its records sent again by the source.
   */
  LOST
}
