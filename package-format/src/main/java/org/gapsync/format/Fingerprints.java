package org.gapsync.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A set of names kept as 64-bit fingerprints (the first bytes of their SHA-256) in an open table
 * of longs: 16 bytes a name at most, where a set of strings takes about a hundred. What it says
 * is present may, in about one set of a million names in 40 million, be another name with the
 * same fingerprint; what it says is absent is absent. Callers that must be exact check again, by
 * name, the few names it reports present. Not thread-safe.
 *
 * <pre>{@code
 * Fingerprints seen = new Fingerprints();
 * if (!seen.add(name)) { suspects.add(seen.of(name)); }  // then recheck those by name
 * }</pre>
 */
public final class Fingerprints {
  private static final long EMPTY = 0;

  private final MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
  private long[] table = new long[1 << 10];
  private int used;

  /** Returns the fingerprint of {@code name}: never 0. */
  public long of(String name) {
    byte[] d = md.digest(name.getBytes(StandardCharsets.UTF_8));
    long f = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      f = f << 8 | (d[i] & 0xff);
    }
    return f == EMPTY ? 1 : f;
  }

  /** Adds {@code name}; returns false when it (or its fingerprint) is already there. */
  public boolean add(String name) {
    return add(of(name));
  }

  /** Adds the fingerprint {@code f}; returns false when it is already there. */
  public boolean add(long f) {
    if (2 * (used + 1) > table.length) {
      long[] old = table;
      table = new long[old.length * 2];
      used = 0;
      for (long o : old) {
        if (o != EMPTY) {
          add(o);
        }
      }
    }
    int i = slot(f);
    if (table[i] == f) {
      return false;
    }
    table[i] = f;
    used++;
    return true;
  }

  /** Returns whether the fingerprint {@code f} is there. */
  public boolean contains(long f) {
    return table[slot(f)] == f;
  }

  /** Returns how many fingerprints are there. */
  public int size() {
    return used;
  }

  /** Returns where {@code f} is in the table, or the empty slot where it would go. */
  private int slot(long f) {
    int mask = table.length - 1;
    for (int i = (int) (f ^ f >>> 32) & mask; ; i = (i + 1) & mask) {
      if (table[i] == EMPTY || table[i] == f) {
        return i;
      }
    }
  }
}
