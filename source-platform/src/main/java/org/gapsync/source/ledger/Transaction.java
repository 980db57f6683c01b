package org.gapsync.source.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One ledger transaction: the tables, reached through {@link #records()} and {@link #sync()}. */
public final class Transaction {
  private final Connection connection;
  private final Clock clock;
  private final String actor;

  Transaction(Connection connection, Clock clock, String actor) {
    this.connection = connection;
    this.clock = clock;
    this.actor = actor;
  }

  /** Returns the records, their files and the changes captured. */
  public RecordTables records() {
    return new RecordTables(this);
  }

  /** Returns destinations, sync states, packages and events. */
  public SyncTables sync() {
    return new SyncTables(this);
  }

  /** Returns the time this transaction stamps on what it writes. */
  public Instant now() {
    return clock.instant();
  }

  /** Returns who this transaction's changes are attributed to. */
  public String actor() {
    return actor;
  }

  /** Reads one row of a result. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  int update(String sql, Object... args) throws SQLException {
    try (PreparedStatement s = prepare(sql, args)) {
      return s.executeUpdate();
    }
  }

  <T> List<T> query(String sql, Row<T> row, Object... args) throws SQLException {
    try (PreparedStatement s = prepare(sql, args); ResultSet rs = s.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.read(rs));
      }
      return out;
    }
  }

  <T> Optional<T> queryOne(String sql, Row<T> row, Object... args) throws SQLException {
    List<T> rows = query(sql, row, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  Batch batch(String sql) throws SQLException {
    return new Batch(connection.prepareStatement(sql));
  }

  /** A statement run for many rows at once. */
  static final class Batch implements AutoCloseable {
    private final PreparedStatement statement;
    private int pending;

    Batch(PreparedStatement statement) {
      this.statement = statement;
    }

    void add(Object... args) throws SQLException {
      bind(statement, args);
      statement.addBatch();
      if (++pending == 1000) {
        statement.executeBatch();
        pending = 0;
      }
    }

    @Override
    public void close() throws SQLException {
      try (statement) {
        if (pending > 0) {
          statement.executeBatch();
        }
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
      } else {
        s.setObject(i + 1, a);
      }
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
