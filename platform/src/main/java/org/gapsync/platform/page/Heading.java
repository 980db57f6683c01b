package org.gapsync.platform.page;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * What heads every page a platform writes for people: its title, what it is about, when it was
 * written, by whom and with which software. Printed, the title also heads every sheet.
 *
 * @param lang the page's language, as HTML names it ({@code en}, {@code zh})
 * @param title the page's title
 * @param subtitle what it is about: the platform, its organisation, the selection
 * @param dated when it was written, as people read it: {@code 2026-12-03 20:52 +08:00}
 * @param by who ran the command that wrote it
 * @param software the application and its version
 */
public record Heading(String lang, String title, String subtitle, String dated, String by,
    String software) {
  private static final DateTimeFormatter DATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

  /** Checks the parts. */
  public Heading {
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subtitle, "subtitle");
    Objects.requireNonNull(dated, "dated");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(software, "software");
  }

  /** Returns the heading of an English page written at {@code at}. */
  public static Heading of(String title, String subtitle, ZonedDateTime at, String by,
      String software) {
    return new Heading("en", title, subtitle, dated(at), by, software);
  }

  /** Returns {@code at} as a page dates it: to the minute, with its offset. */
  public static String dated(ZonedDateTime at) {
    return DATED.format(at);
  }

  /**
   * Returns the title as a CSS string, for the running head of printed sheets: every character
   * but letters, digits, spaces and a few marks escaped, so that no title can end the string
   * or the style sheet.
   */
  public String cssTitle() {
    StringBuilder css = new StringBuilder("\"");
    title.codePoints().forEach(c -> {
      if (c < 128 && (Character.isLetterOrDigit(c) || " -_.,:()".indexOf(c) >= 0)) {
        css.appendCodePoint(c);
      } else {
        css.append('\\').append(String.format("%06x", c));
      }
    });
    return css.append('"').toString();
  }
}
