package org.gapsync.platform.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapsync.format.PackageId;

/**
 * Statements inside one transaction, with parameters bound in order, {@link Instant}s stored as
 * UTC timestamps and {@link PackageId}s as their text. Only the ledger packages use it.
 */
public final class Sql {
  /** Rows a streamed query fetches from a server at a time: its memory, not the result's. */
  private static final int FETCH_ROWS = 1000;
  private final Connection connection;
  private final boolean isShared;

  /**
   * Creates the statements of a transaction on {@code connection}; a {@code isShared} ledger
   * (a server several commands use at once) takes the locks {@link #lock} asks for.
   */
  Sql(Connection connection, boolean isShared) {
    this.connection = connection;
    this.isShared = isShared;
  }

  /** Returns the transaction's connection, for a copy of the whole ledger. */
  Connection connection() {
    return connection;
  }

  /**
   * Takes the lock named {@code name} for the rest of the transaction: a transaction of another
   * command that asks for it waits until this one commits or rolls back. On an embedded ledger,
   * which serves one command at a time, there is no one to wait for.
   *
   * <p>Locks are taken in one order, which keeps two transactions from waiting for each other:
   * the holdings first, then a destination, then the chains (sync events, then the audit
   * trail).
   */
  public void lock(String name) throws LedgerException {
    advisory("pg_advisory_xact_lock", name);
  }

  /**
   * Takes the lock named {@code name} for the rest of the transaction, shared with the others
   * that take it shared: only a transaction that takes it by {@link #lock} waits, or is waited
   * for.
   */
  public void lockShared(String name) throws LedgerException {
    advisory("pg_advisory_xact_lock_shared", name);
  }

  private void advisory(String function, String name) throws LedgerException {
    if (!isShared) {
      return;
    }
    try (PreparedStatement s = prepare("SELECT " + function + "(?)", lockKey(name));
        ResultSet rs = s.executeQuery()) {
      rs.next();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Returns the 64-bit key of the advisory lock named {@code name}, the same in every JVM. */
  static long lockKey(String name) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(("gapsync." + name)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.nio.ByteBuffer.wrap(d).getLong();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Reads one row of a result. */
  @FunctionalInterface
  public interface Row<T> {
    /** Returns the value of the current row. */
    T read(ResultSet rs) throws SQLException, java.io.IOException;
  }

  /** Runs an insert, update or delete and returns the rows it changed. */
  public int update(String sql, Object... args) throws LedgerException {
    try (PreparedStatement s = prepare(sql, args)) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Returns every row of a query. */
  public <T> List<T> query(String sql, Row<T> row, Object... args)
      throws java.io.IOException {
    try (PreparedStatement s = prepare(sql, args); ResultSet rs = s.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.read(rs));
      }
      return out;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Returns the error that a failed statement becomes outside the ledger. */
  static LedgerException failed(SQLException e) {
    return new LedgerException("ledger error: " + e.getMessage(), e);
  }

  /** Reads each row of a query in turn, holding none of them once read. */
  @FunctionalInterface
  public interface Each {
    /** Reads the current row. */
    void read(ResultSet rs) throws SQLException, java.io.IOException;
  }

  /** Hands each row of a query to {@code each}, in order, without collecting them. */
  public void forEach(String sql, Each each, Object... args) throws java.io.IOException {
    try (PreparedStatement s = prepare(sql, args)) {
      // A server's driver would otherwise fetch the whole result before the first row.
      s.setFetchSize(FETCH_ROWS);
      forEach(s, each);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private static void forEach(PreparedStatement s, Each each)
      throws SQLException, java.io.IOException {
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        each.read(rs);
      }
    }
  }

  /**
   * Returns the first row of a query, if there is one and {@code row} reads it as a value: a
   * row read as null, such as a column that is NULL, is no value.
   */
  public <T> Optional<T> queryOne(String sql, Row<T> row, Object... args)
      throws java.io.IOException {
    List<T> rows = query(sql, row, args);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  /** Returns {@code (?, ?, ...)} with {@code n} placeholders, for an {@code IN} of a batch. */
  public static String inList(int n) {
    return "(" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
  }

  /** Returns a statement to run for many rows at once. */
  public Batch batch(String sql) throws LedgerException {
    try {
      return new Batch(connection.prepareStatement(sql));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** A statement run for many rows, sent to the database a thousand at a time. */
  public static final class Batch implements AutoCloseable {
    private final PreparedStatement statement;
    private int pending;

    Batch(PreparedStatement statement) {
      this.statement = statement;
    }

    /** Adds one row's parameters. */
    public void add(Object... args) throws LedgerException {
      try {
        bind(statement, args);
        statement.addBatch();
        if (++pending == 1000) {
          statement.executeBatch();
          pending = 0;
        }
      } catch (SQLException e) {
        throw failed(e);
      }
    }

    @Override
    public void close() throws LedgerException {
      try (statement) {
        if (pending > 0) {
          statement.executeBatch();
        }
      } catch (SQLException e) {
        throw failed(e);
      }
    }
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement s = connection.prepareStatement(sql);
    bind(s, args);
    return s;
  }

  private static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant t) {
        s.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
      } else if (a instanceof PackageId id) {
        s.setString(i + 1, id.value());
      } else if (a instanceof Optional<?>) {
        throw new IllegalArgumentException("bind the value or null, not an Optional: " + a);
      } else {
        s.setObject(i + 1, a);
      }
    }
  }

  /** Returns a package id column that is never null. */
  public static PackageId packageId(ResultSet rs, String column) throws SQLException {
    return PackageId.of(rs.getString(column));
  }

  /** Returns a package id column, empty when it is null. */
  public static Optional<PackageId> optionalPackageId(ResultSet rs, String column)
      throws SQLException {
    return Optional.ofNullable(rs.getString(column)).map(PackageId::of);
  }

  /** Returns a timestamp column as an instant, or null when it is null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
