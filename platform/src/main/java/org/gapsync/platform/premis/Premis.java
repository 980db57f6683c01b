package org.gapsync.platform.premis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * How the ledgers' events read in PREMIS: the event type of each command (a term of the
 * Library of Congress preservation eventType vocabulary where one fits, see {@link EventType})
 * and the identifier types of this export.
 */
public final class Premis {
  /** The identifier type of an audit trail event: {@code PLATFORM/audit/SEQUENCE}. */
  public static final String AUDIT_EVENT = "gapsync audit event";
  /** The identifier type of a record: its archival id. */
  public static final String ARCHIVAL_ID = "gapsync archival id";
  /** The identifier type of a sync package: its package id. */
  public static final String PACKAGE_ID = "gapsync package id";

  /**
   * What each command is, as a preservation event of the LoC vocabulary; a command not named
   * is a term of this application's own vocabulary, its name.
   */
  private static final Map<String, EventType> TYPES = Map.ofEntries(
      Map.entry("package build", EventType.PACKAGE_CREATION),
      Map.entry("package import", EventType.INGESTION),
      Map.entry("receipt ingest", EventType.VALIDATION),
      Map.entry("holdings scan", EventType.DIGEST_CALCULATION),
      Map.entry("replica verify", EventType.FIXITY_CHECK),
      Map.entry("ledger verify", EventType.VALIDATION),
      Map.entry("ledger seal", EventType.SIGNATURE_GENERATION));

  private Premis() {}

  /** Returns the PREMIS event type of the command {@code action} run with {@code object}. */
  public static EventType typeOf(String action, String object) {
    if (action.equals("holdings scan") && object.contains("--rehash")) {
      return EventType.FIXITY_CHECK;
    }
    return TYPES.getOrDefault(action, EventType.own(action));
  }

  /**
   * Writes an object, its failure unchecked so that it can leave a row callback; the ledger
   * export unwraps it.
   */
  public static void object(PremisWriter out, PremisWriter.Category category, String idType,
      String id) {
    try {
      out.object(category, idType, id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code event}, its failure unchecked so that it can leave a row callback; the ledger
   * export unwraps it.
   */
  public static void write(PremisWriter out, PremisWriter.Event event) {
    try {
      out.event(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
