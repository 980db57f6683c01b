package org.gapsync.source.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateException;
import gg.jte.output.WriterOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The source platform's page templates ({@code src/main/jte}), compiled by the build: a page is
 * written by naming its template and handing it its one parameter.
 */
public final class Pages {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
      Pages.class.getClassLoader(), "org.gapsync.source.page.jte");

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
