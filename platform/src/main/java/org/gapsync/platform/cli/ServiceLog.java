package org.gapsync.platform.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The log of a long-running service: one line per action, as text ({@code import NAME:
 * applied: …}) or, for a log collector, as one JSON object per line with its time, the service,
 * the action (the line's first word) and the rest of the line as its message.
 */
public final class ServiceLog implements Consumer<String> {
  /** How each line is written. */
  public enum Format {
    /** As people read it. */
    TEXT,
    /** One JSON object per line: {@code {"time", "service", "action", "message"}}. */
    JSON;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final JsonFactory JSON = new JsonFactory();

  private final PrintWriter out;
  private final Format format;
  private final Clock clock;
  private final String service;

  /** Creates the log of {@code service} ({@code source ferry}) onto {@code out}. */
  public ServiceLog(PrintWriter out, Format format, Clock clock, String service) {
    this.out = Objects.requireNonNull(out, "out");
    this.format = Objects.requireNonNull(format, "format");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.service = Objects.requireNonNull(service, "service");
  }

  /** Writes one action's line, and flushes it. */
  @Override
  public synchronized void accept(String line) {
    if (format == Format.TEXT) {
      out.println(line);
    } else {
      int space = line.indexOf(' ');
      String action = (space < 0 ? line : line.substring(0, space)).replaceAll(":$", "");
      StringWriter w = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(w)) {
        g.writeStartObject();
        g.writeStringField("time", clock.instant().toString());
        g.writeStringField("service", service);
        g.writeStringField("action", action);
        g.writeStringField("message", space < 0 ? "" : line.substring(space + 1));
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.println(w);
    }
    out.flush();
  }

  /** Reads {@code --log-format}: {@code text} or {@code json}. */
  public static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("the log format is 'text' or "
            + "'json', not '" + value + "'");
      }
    }
  }
}
