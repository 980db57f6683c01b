package org.gapsync.platform.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.ledger.Sql;

/**
 * The passwords users sign in to a platform's web console with, when it listens beyond its own
 * machine: set by an admin, kept in the ledger's {@code console_password} table as bcrypt hashes
 * (Bouncy Castle's {@link OpenBSDBCrypt}, the {@code $2b$} form, cost {@value #COST}), never as
 * the password. Each call is a transaction of its own.
 *
 * <pre>{@code
 * ConsolePasswords.of(ledger).set("li.na", password, clock.instant(), "admin");
 * boolean ok = ConsolePasswords.of(ledger).matches("li.na", typed);
 * }</pre>
 */
public final class ConsolePasswords {
  /** The fewest characters a console password has. */
  public static final int SHORTEST = 12;

  /** The most bytes of UTF-8 bcrypt reads; a longer password would be cut, so it is refused. */
  public static final int LONGEST_BYTES = 72;

  // 2^12 rounds: about a quarter of a second here, per sign-in.
  private static final int COST = 12;
  private static final SecureRandom RANDOM = new SecureRandom();
  // A hash that matches no password, checked for unknown users so that they take as long.
  private static final String NOBODY = OpenBSDBCrypt.generate("b".toCharArray(), new byte[16],
      COST);

  private final Ledger<?> ledger;

  private ConsolePasswords(Ledger<?> ledger) {
    this.ledger = ledger;
  }

  /** Returns the console passwords of the platform whose ledger is {@code ledger}. */
  public static ConsolePasswords of(Ledger<?> ledger) {
    return new ConsolePasswords(Objects.requireNonNull(ledger, "ledger"));
  }

  /**
   * Returns what is wrong with {@code password} as a console password, if anything: too short,
   * too long for bcrypt, or with control characters.
   */
  public static Optional<String> problem(char[] password) {
    if (password.length < SHORTEST) {
      return Optional.of("it has " + password.length + " characters; give at least "
          + SHORTEST);
    }
    if (StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password)).remaining()
        > LONGEST_BYTES) {
      return Optional.of("it is longer than " + LONGEST_BYTES + " bytes of UTF-8, more than "
          + "bcrypt reads; give a shorter one");
    }
    for (char c : password) {
      if (Character.isISOControl(c)) {
        return Optional.of("it holds a control character; give printable characters only");
      }
    }
    return Optional.empty();
  }

  /**
   * Sets the console password of {@code name} to {@code password}, replacing any it had.
   *
   * @return whether the user had one before
   * @throws IllegalArgumentException if {@link #problem} finds something wrong with it
   */
  public boolean set(String name, char[] password, Instant at, String by) throws IOException {
    problem(password).ifPresent(p -> {
      throw new IllegalArgumentException("console password: " + p);
    });
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String hash = OpenBSDBCrypt.generate("2b", password, salt, COST);
    return ledger.inSharedTables(sql -> {
      boolean had = sql.update("DELETE FROM console_password WHERE name = ?", name) > 0;
      sql.update("INSERT INTO console_password (name, hash, set_at, set_by) VALUES (?, ?, ?, ?)",
          name, hash, at, by);
      return had;
    });
  }

  /** Returns whether {@code name} has a console password and {@code password} is it. */
  public boolean matches(String name, char[] password) throws IOException {
    Optional<String> hash = ledger.inSharedTables(sql -> hash(sql, name));
    if (problem(password).isPresent()) {
      // No password set can be one of these; the check still takes its time.
      OpenBSDBCrypt.checkPassword(NOBODY, "a".toCharArray());
      return false;
    }
    boolean isRight = OpenBSDBCrypt.checkPassword(hash.orElse(NOBODY), password);
    return hash.isPresent() && isRight;
  }

  /** Returns when {@code name}'s console password was set, if it has one. */
  public Optional<Instant> setAt(String name) throws IOException {
    return ledger.inSharedTables(sql -> sql.queryOne("SELECT set_at FROM console_password "
        + "WHERE name = ?", rs -> Sql.instant(rs, "set_at"), name));
  }

  private static Optional<String> hash(Sql sql, String name) throws IOException {
    return sql.queryOne("SELECT hash FROM console_password WHERE name = ?",
        rs -> rs.getString("hash"), name);
  }
}
