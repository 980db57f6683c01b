package org.gapsync.platform.page;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateException;
import gg.jte.output.WriterOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * An application's page templates ({@code src/main/jte}), compiled to classes by the build
 * into one Java package: a page is written by naming its template and handing it its one
 * parameter.
 *
 * <pre>{@code
 * new Templates(Templates.class, "org.gapsync.source.page.jte")
 *     .write("ledger-report.jte", page, writer);
 * }</pre>
 */
public final class Templates {
  private final TemplateEngine engine;

  /**
   * Creates the templates compiled into {@code packageName}, loaded with the class loader of
   * {@code owner}.
   */
  public Templates(Class<?> owner, String packageName) {
    this.engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
        owner.getClassLoader(), Objects.requireNonNull(packageName, "packageName"));
  }

  /** Writes the page of {@code template} for {@code model} to {@code out}. */
  public void write(String template, Object model, Writer out) throws IOException {
    try {
      engine.render(template, model, new WriterOutput(out));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (TemplateException e) {
      // A template that does not fit its model is a defect of this application, not the user's.
      throw new IllegalStateException("page " + template + ": " + e.getMessage(), e);
    }
  }
}
