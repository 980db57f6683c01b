package org.gapsync.platform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The {@code --format} option of every command that lists something: a table for people, CSV
 * or JSON for programs.
 *
 * <pre>{@code
 * @Mixin FormatOption format;
 * try (Listing list = format.list(out, "archivalId", "state")) { ... }
 * }</pre>
 */
public final class FormatOption {
  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
      description = "table (aligned, for people), csv (RFC 4180, with a header line) or json "
          + "(an array of objects).")
  private Listing.Format format = Listing.Format.table;

  /** Returns the format chosen. */
  public Listing.Format format() {
    return format;
  }

  /** Returns whether the listing is a table, for people, which may get a word when empty. */
  public boolean isTable() {
    return format == Listing.Format.table;
  }

  /** Starts a listing of {@code columns} onto {@code out} in the format chosen. */
  public Listing list(PrintWriter out, String... columns) throws IOException {
    return Listing.of(format, out, columns);
  }
}
