package org.gapsync.platform.ledger;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every row of one ledger copied into another of the same schema (an embedded ledger moving to
 * a server), in one transaction of the ledger copied into, and read back there before it
 * commits: per table, the count of rows and a digest of them that does not depend on their
 * order must be the same on both sides, or nothing is kept.
 */
public final class LedgerCopy {
  /** The tables Flyway keeps of its own: the copy's schema has its own history. */
  private static final Set<String> HISTORIES = Set.of("flyway_schema_history",
      "platform_schema_history");
  private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

  private LedgerCopy() {}

  /**
   * What was copied: each table with its rows.
   *
   * @param tables the tables, by name, in the order copied
   */
  public record Report(List<Table> tables) {
    /** Copies the list. */
    public Report {
      tables = List.copyOf(tables);
    }

    /** Returns the rows copied in all. */
    public long rows() {
      return tables.stream().mapToLong(Table::rows).sum();
    }
  }

  /**
   * One table copied.
   *
   * @param name its name
   * @param rows its rows
   */
  public record Table(String name, long rows) {}

  /** Copies {@code from} into {@code into}, which holds none of its rows yet. */
  static Report copy(Database from, Database into) throws IOException {
    List<String> tables = from.inTransaction(sql -> tables(sql.connection()));
    return into.inTransaction(target -> from.inTransaction(source -> {
      List<Table> copied = new ArrayList<>();
      for (String table : tables) {
        Tally sent = copyTable(source.connection(), target.connection(), table);
        Tally kept = tally(target.connection(), table);
        if (!kept.equals(sent)) {
          throw new LedgerException("the copy of table " + table + " does not read back as "
              + "written (" + sent.rows + " rows sent, " + kept.rows + " read back"
              + (kept.rows == sent.rows ? ", with other values" : "") + "); nothing was "
              + "kept", null);
        }
        copied.add(new Table(table, sent.rows));
      }
      if (into.isShared()) {
        restartIdentities(target.connection());
      }
      return new Report(copied);
    }));
  }

  private static List<String> tables(Connection c) throws LedgerException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String schema = String.valueOf(rs.getString("TABLE_SCHEM")).toLowerCase(Locale.ROOT);
        String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (schema.equals("public") && !HISTORIES.contains(name)) {
          names.add(name);
        }
      }
    } catch (SQLException e) {
      throw Sql.failed(e);
    }
    names.sort(null);
    return names;
  }

  /** The count of a table's rows and the sum of their digests, modulo 2^256. */
  private record Tally(long rows, BigInteger sum) {}

  private static Tally copyTable(Connection from, Connection into, String table)
      throws LedgerException {
    try (Statement read = from.createStatement()) {
      read.setFetchSize(1000);
      try (ResultSet rs = read.executeQuery("SELECT * FROM " + table)) {
        ResultSetMetaData columns = rs.getMetaData();
        int n = columns.getColumnCount();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          names.add(columns.getColumnName(i).toLowerCase(Locale.ROOT));
        }
        String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES "
            + Sql.inList(n);
        long rows = 0;
        BigInteger sum = BigInteger.ZERO;
        try (PreparedStatement write = into.prepareStatement(insert)) {
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              write.setObject(i, value(rs, columns, i));
            }
            write.addBatch();
            sum = sum.add(digest(rs, columns)).mod(MODULUS);
            if (++rows % 1000 == 0) {
              write.executeBatch();
            }
          }
          write.executeBatch();
        }
        return new Tally(rows, sum);
      }
    } catch (SQLException e) {
      throw Sql.failed(e);
    }
  }

  private static Tally tally(Connection c, String table) throws LedgerException {
    try (Statement read = c.createStatement()) {
      read.setFetchSize(1000);
      try (ResultSet rs = read.executeQuery("SELECT * FROM " + table)) {
        ResultSetMetaData columns = rs.getMetaData();
        long rows = 0;
        BigInteger sum = BigInteger.ZERO;
        while (rs.next()) {
          rows++;
          sum = sum.add(digest(rs, columns)).mod(MODULUS);
        }
        return new Tally(rows, sum);
      }
    } catch (SQLException e) {
      throw Sql.failed(e);
    }
  }

  private static Object value(ResultSet rs, ResultSetMetaData columns, int i)
      throws SQLException {
    return isTimestamp(columns.getColumnType(i)) ? rs.getObject(i, OffsetDateTime.class)
        : rs.getObject(i);
  }

  private static boolean isTimestamp(int type) {
    return type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE;
  }

  /**
   * Returns the SHA-256 of a row's values by column name, as both databases give them: an
   * instant for a timestamp, the text of any other value, a mark for NULL.
   */
  private static BigInteger digest(ResultSet rs, ResultSetMetaData columns)
      throws SQLException {
    List<String> fields = new ArrayList<>();
    for (int i = 1; i <= columns.getColumnCount(); i++) {
      Object v = isTimestamp(columns.getColumnType(i))
          ? rs.getObject(i, OffsetDateTime.class) : rs.getObject(i);
      String text = v == null ? "\u0000null" : v instanceof OffsetDateTime t
          ? t.toInstant().toString() : v.toString();
      fields.add(columns.getColumnName(i).toLowerCase(Locale.ROOT) + "=" + text);
    }
    fields.sort(null);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String f : fields) {
        byte[] b = f.getBytes(StandardCharsets.UTF_8);
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
        sha.update(b);
      }
      return new BigInteger(1, sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * Moves each identity column's next value past the rows copied with their own ids, so that
   * the next row the application adds takes the next id, not one the copy used.
   */
  private static void restartIdentities(Connection c) throws LedgerException {
    List<String[]> identities = new ArrayList<>();
    try {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT table_name, column_name FROM information_schema.columns WHERE "
              + "table_schema = current_schema() AND is_identity = 'YES'")) {
        while (rs.next()) {
          identities.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      for (String[] t : identities) {
        try (Statement s = c.createStatement()) {
          s.executeQuery("SELECT setval(pg_get_serial_sequence('" + t[0] + "', '" + t[1]
              + "'), COALESCE(MAX(" + t[1] + "), 0) + 1, false) FROM " + t[0]).close();
        }
      }
    } catch (SQLException e) {
      throw Sql.failed(e);
    }
  }
}
