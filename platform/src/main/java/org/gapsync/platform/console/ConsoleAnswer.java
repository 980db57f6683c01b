package org.gapsync.platform.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Objects;

/**
 * What a console page answers: a page of HTML (in the console's frame, {@link
 * ConsoleRequest#view}, or a whole document of its own such as a report), a file to download,
 * or why there is nothing to show.
 */
public abstract sealed class ConsoleAnswer {
  private ConsoleAnswer() {}

  /** Writes a page's HTML. */
  @FunctionalInterface
  public interface Html {
    /** Writes the page to {@code out}. */
    void write(Writer out) throws IOException;
  }

  /** Writes a download's bytes. */
  @FunctionalInterface
  public interface Body {
    /** Writes the file to {@code out}. */
    void write(OutputStream out) throws IOException;
  }

  /** Returns the page {@code html} writes. */
  public static ConsoleAnswer page(Html html) {
    return new Page(html);
  }

  /** Returns a file to download, named {@code fileName}, of {@code contentType}. */
  public static ConsoleAnswer download(String fileName, String contentType, Body body) {
    return new Download(fileName, contentType, body);
  }

  /** Returns an answer that the page's subject does not exist: {@code message} says which. */
  public static ConsoleAnswer notFound(String message) {
    return new Refusal(404, "Not found", message);
  }

  /** Returns an answer that the request asks for something unclear: {@code message} says. */
  public static ConsoleAnswer badRequest(String message) {
    return new Refusal(400, "Not understood", message);
  }

  /**
   * Returns an answer that what the page needs is missing on this machine (a font, a tool):
   * {@code message} says what, and what to install.
   */
  public static ConsoleAnswer unavailable(String message) {
    return new Refusal(503, "Not available", message);
  }

  /** A page of HTML. */
  static final class Page extends ConsoleAnswer {
    final Html html;

    Page(Html html) {
      this.html = Objects.requireNonNull(html, "html");
    }
  }

  /** A file. */
  static final class Download extends ConsoleAnswer {
    final String fileName;
    final String contentType;
    final Body body;

    Download(String fileName, String contentType, Body body) {
      if (!fileName.matches("[A-Za-z0-9._-]{1,200}")) {
        throw new IllegalArgumentException("not a plain file name: " + fileName);
      }
      this.fileName = fileName;
      this.contentType = Objects.requireNonNull(contentType, "contentType");
      this.body = Objects.requireNonNull(body, "body");
    }
  }

  /** A page that says why there is nothing to show. */
  static final class Refusal extends ConsoleAnswer {
    final int status;
    final String title;
    final String message;

    Refusal(int status, String title, String message) {
      this.status = status;
      this.title = title;
      this.message = Objects.requireNonNull(message, "message");
    }
  }
}
