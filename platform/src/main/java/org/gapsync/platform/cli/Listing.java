package org.gapsync.platform.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Prints what a command lists, in the format its user chose: an aligned table for people, CSV
 * (RFC 4180, through Commons CSV) or JSON (an array of objects, through Jackson) for programs.
 * Rows are printed as they come; a table holds its first {@value #MEASURED} rows to fit its
 * columns, then streams with those widths, so memory stays bounded however long the list.
 *
 * <pre>{@code
 * try (Listing list = Listing.of(format, out, "archivalId", "state", "attempts")) {
 *   list.row("F001-1998-0001", "confirmed", 1);
 * }
 * }</pre>
 *
 * <p>A column's name is its CSV header and JSON key; the table heads it in capitals, words
 * split where the name's case changes ({@code archivalId} is {@code ARCHIVAL ID}). A number is
 * a JSON number and is right-aligned; an empty {@link Optional} or {@code null} is JSON
 * {@code null}, an empty CSV field and {@code -} in a table.
 */
public final class Listing implements AutoCloseable {
  /** How a listing is printed, as {@code --format} names it. */
  public enum Format {
    /** Columns aligned for people. */
    table,
    /** Comma-separated values with a header line. */
    csv,
    /** A JSON array of objects. */
    json
  }

  private static final int MEASURED = 1000;

  private final Format format;
  private final PrintWriter out;
  private final List<String> columns;
  private final List<Object[]> held = new ArrayList<>();
  private int[] widths;
  private CSVPrinter csv;
  private JsonGenerator json;

  private Listing(Format format, PrintWriter out, List<String> columns) {
    this.format = format;
    this.out = out;
    this.columns = columns;
  }

  /** Starts a listing of {@code columns} onto {@code out}. */
  public static Listing of(Format format, PrintWriter out, String... columns) throws IOException {
    Listing l = new Listing(format, out, List.of(columns));
    switch (format) {
      case csv -> {
        l.csv = CSVFormat.RFC4180.builder().setHeader(columns).setRecordSeparator("\n").get()
            .print(out);
      }
      case json -> {
        l.json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
        l.json.writeStartArray();
      }
      default -> { }
    }
    return l;
  }

  /** Adds a row: one value per column, in order. */
  public void row(Object... values) throws IOException {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(values.length + " values for " + columns.size()
          + " columns " + columns);
    }
    Object[] row = Arrays.stream(values).map(v -> v instanceof Optional<?> o ? o.orElse(null)
        : v).toArray();
    switch (format) {
      case csv -> csv.printRecord(Arrays.stream(row).map(v -> v == null ? "" : v.toString())
          .toList());
      case json -> {
        json.writeStartObject();
        for (int i = 0; i < row.length; i++) {
          json.writeFieldName(columns.get(i));
          if (row[i] == null) {
            json.writeNull();
          } else if (row[i] instanceof Long || row[i] instanceof Integer) {
            json.writeNumber(((Number) row[i]).longValue());
          } else if (row[i] instanceof Boolean b) {
            json.writeBoolean(b);
          } else {
            json.writeString(row[i].toString());
          }
        }
        json.writeEndObject();
      }
      default -> {
        if (widths == null) {
          held.add(row);
          if (held.size() == MEASURED) {
            printHeld();
          }
        } else {
          printRow(row);
        }
      }
    }
  }

  /** Ends the listing: the table's held rows, the JSON array's end and its newline. */
  @Override
  public void close() throws IOException {
    switch (format) {
      case csv -> csv.flush();
      case json -> {
        json.writeEndArray();
        json.flush();
        out.println();
      }
      default -> {
        if (widths == null) {
          printHeld();
        }
      }
    }
    out.flush();
  }

  private void printHeld() {
    widths = new int[columns.size()];
    Object[] heads = columns.stream().map(Listing::heading).toArray();
    measure(heads);
    held.forEach(this::measure);
    printRow(heads);
    held.forEach(this::printRow);
    held.clear();
  }

  private void measure(Object[] row) {
    for (int i = 0; i < row.length; i++) {
      widths[i] = Math.max(widths[i], cell(row[i]).length());
    }
  }

  private void printRow(Object[] row) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < row.length; i++) {
      String cell = cell(row[i]);
      boolean isLast = i == row.length - 1;
      String pad = " ".repeat(Math.max(0, widths[i] - cell.length()));
      if (row[i] instanceof Number) {
        line.append(pad).append(cell);
      } else {
        line.append(cell).append(isLast ? "" : pad);
      }
      line.append(isLast ? "" : "  ");
    }
    out.println(line.toString().stripTrailing());
  }

  private static String cell(Object value) {
    // A line of a table is one row: a value's line breaks become spaces there.
    return value == null ? "-" : value.toString().replaceAll("\\R", " ");
  }

  /** Returns a column's table heading: {@code archivalId} is {@code ARCHIVAL ID}. */
  static String heading(String column) {
    return column.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
  }
}
