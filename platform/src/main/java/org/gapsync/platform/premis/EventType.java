package org.gapsync.platform.premis;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PREMIS event type with its authority: a term of the Library of Congress preservation
 * eventType vocabulary ({@code http://id.loc.gov/vocabulary/preservation/eventType}) with its
 * value URI, or a term of this application's own vocabulary, the commands that no LoC term
 * describes (such as {@code trust add}).
 *
 * @param term the term, as its vocabulary spells it
 * @param code the LoC code of the term, such as {@code ing}; empty for a term of our own
 */
public record EventType(String term, Optional<String> code) {
  /** The name of the LoC vocabulary, as PREMIS's {@code authority} attribute gives it. */
  public static final String LOC_AUTHORITY = "eventType";
  /** The URI of the LoC vocabulary. */
  public static final String LOC_AUTHORITY_URI =
      "http://id.loc.gov/vocabulary/preservation/eventType";
  /** The name of this application's own vocabulary of event types. */
  public static final String OWN_AUTHORITY = "gapsync";
  // Before the terms below, which it checks as they are made.
  private static final Pattern CODE = Pattern.compile("[a-z]{3}");

  /** Adding a record to the holdings. */
  public static final EventType ACCESSION = loc("accession", "acc");
  /** Removing a record or a file. */
  public static final EventType DELETION = loc("deletion", "del");
  /** Changing a record. */
  public static final EventType MODIFICATION = loc("modification", "mod");
  /** Building a sync package. */
  public static final EventType PACKAGE_CREATION = loc("information package creation", "ipc");
  /** Importing a sync package on a target. */
  public static final EventType INGESTION = loc("ingestion", "ing");
  /** Checking a package, a receipt or a ledger against what it must be. */
  public static final EventType VALIDATION = loc("validation", "val");
  /** Computing the digests of the holdings. */
  public static final EventType DIGEST_CALCULATION = loc("message digest calculation", "mes");
  /** Recomputing digests and comparing them with those recorded. */
  public static final EventType FIXITY_CHECK = loc("fixity check", "fix");
  /** Signing, such as sealing a ledger. */
  public static final EventType SIGNATURE_GENERATION =
      loc("digital signature generation", "dsg");
  /** Checking a signature against a trusted certificate. */
  public static final EventType SIGNATURE_VALIDATION =
      loc("digital signature validation", "dig");
  /** Deciding what is to be sent where: queueing and cancelling. */
  public static final EventType POLICY_ASSIGNMENT = loc("policy assignment", "poa");
  /** Carrying a package towards its destination. */
  public static final EventType TRANSFER = loc("transfer", "tra");
  /** Putting a bit-identical copy of a file into a replica. */
  public static final EventType REPLICATION = loc("replication", "rep");

  /** Checks the term and the code's form. */
  public EventType {
    Objects.requireNonNull(term, "term");
    Objects.requireNonNull(code, "code");
    if (term.isBlank()) {
      throw new IllegalArgumentException("blank event type");
    }
    code.filter(c -> !CODE.matcher(c).matches()).ifPresent(c -> {
      throw new IllegalArgumentException("not a LoC eventType code: " + c);
    });
  }

  /** Returns a term of this application's own vocabulary. */
  public static EventType own(String term) {
    return new EventType(term, Optional.empty());
  }

  /** Returns whether the term is one of the Library of Congress vocabulary. */
  public boolean isLoc() {
    return code.isPresent();
  }

  /** Returns the name of the vocabulary the term belongs to. */
  public String authority() {
    return isLoc() ? LOC_AUTHORITY : OWN_AUTHORITY;
  }

  /** Returns the URI of the term, for a term of the LoC vocabulary. */
  public Optional<String> valueUri() {
    return code.map(c -> LOC_AUTHORITY_URI + "/" + c);
  }

  private static EventType loc(String term, String code) {
    return new EventType(term, Optional.of(code));
  }
}
