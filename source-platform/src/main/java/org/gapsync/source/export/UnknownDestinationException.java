package org.gapsync.source.export;

/** Signals a destination id the ledger does not know. */
public final class UnknownDestinationException extends SelectionException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception naming the destination. */
  public UnknownDestinationException(String id) {
    super("unknown destination " + id + "; 'destination list' shows the known ones");
  }
}
