package org.gapsync.format.syncpackage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.PackageId;

/**
 * Gives each record of a package its payload folder: its archival id where that is a safe file
 * name, otherwise the id with unsafe characters replaced, made unique without regard to case.
 * Each folder given is remembered by a 64-bit fingerprint of its lower-case name in an open
 * table of longs, 16 bytes a record instead of a set of strings: a fingerprint that repeats
 * makes the next folder take a suffix, so a folder is never given twice; two different names
 * share a fingerprint about once in 10<sup>10</sup> packages of a million records, and then one
 * folder merely carries a suffix it did not need.
 */
final class FolderNames {
  private static final long EMPTY = 0;

  private long[] table = new long[1 << 10];
  private int used;
  private final MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();

  /** Returns the folder for the record {@code archivalId}, never one given before. */
  String next(String archivalId) {
    String base = archivalId.replaceAll("[^A-Za-z0-9._\\-]", "_");
    if (base.length() > 100) {
      base = base.substring(0, 100);
    }
    if (!PackageId.isValid(base)) {
      base = "r" + base;
    }
    String folder = base;
    for (int n = 2; !add(fingerprint(folder)); n++) {
      folder = base + "_" + n;
    }
    return folder;
  }

  private long fingerprint(String folder) {
    byte[] d = md.digest(folder.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    long f = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      f = f << 8 | (d[i] & 0xff);
    }
    return f == EMPTY ? 1 : f;
  }

  /** Adds {@code f}; returns false when it is already there. */
  private boolean add(long f) {
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
    int mask = table.length - 1;
    for (int i = (int) (f ^ f >>> 32) & mask; ; i = (i + 1) & mask) {
      if (table[i] == EMPTY) {
        table[i] = f;
        used++;
        return true;
      }
      if (table[i] == f) {
        return false;
      }
    }
  }
}
