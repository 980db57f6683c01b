package org.gapsync.platform.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import org.gapsync.format.signature.SignatureProfile;

/**
 * One event of a platform's audit trail: who did what to which object, when, and how it ended,
 * chained to the event before it by that event's hash.
 *
 * @param sequence its place in the trail, from 1 without gaps
 * @param at when it happened, to the microsecond (what the ledger keeps)
 * @param actor the operating system user who ran the command
 * @param action the command, such as {@code package build}
 * @param object what it was run on: its arguments as given
 * @param outcome {@code success}, {@code refused}, {@code failed}, {@code error} or {@code bug}
 * @param details the error message of an event that did not succeed, or empty
 * @param previousHash the hash of the event before it, or 64 zeros for the first
 * @param digest the hash function of the platform's crypto profile when the event was appended:
 *     {@code SHA-256} or {@code SM3}
 * @param hash the digest of every field above but {@code digest}, in order
 */
public record AuditEvent(long sequence, Instant at, String actor, String action, String object,
    String outcome, String details, String previousHash, String digest, String hash) {
  /** The previous hash of the first event. */
  public static final String GENESIS = "0".repeat(64);

  /** Checks the parts. */
  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(hash, "hash");
  }

  /**
   * Returns the event that follows {@code previousHash} at {@code sequence}, hashed by
   * {@code digest}.
   *
   * @throws IllegalArgumentException if {@code digest} is not a profile's hash function
   */
  public static AuditEvent of(long sequence, Instant at, String actor, String action,
      String object, String outcome, String details, String previousHash, String digest) {
    Instant kept = at.truncatedTo(ChronoUnit.MICROS);
    return new AuditEvent(sequence, kept, actor, action, object, outcome, details, previousHash,
        digest, hash(digest, sequence, kept, actor, action, object, outcome, details,
            previousHash));
  }

  /**
   * Returns whether the hash is the one its fields give. The hash function's name is not among
   * the hashed fields, nor needs to be: the other function gives another hash.
   */
  public boolean isSealed() {
    try {
      return hash.equals(hash(digest, sequence, at, actor, action, object, outcome, details,
          previousHash));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String hash(String digest, long sequence, Instant at, String actor,
      String action, String object, String outcome, String details, String previousHash) {
    MessageDigest md = SignatureProfile.newDigest(digest);
    // Each field with its length first, so that no two different events hash the same bytes.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(sequence);
      for (String field : new String[] {at.toString(), actor, action, object, outcome, details,
          previousHash}) {
        byte[] b = field.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(md.digest(bytes.toByteArray()));
  }
}
