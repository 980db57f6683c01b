package org.gapsync.platform.page;

import gg.jte.Content;
import gg.jte.html.HtmlContent;
import java.util.Objects;
import org.gapsync.platform.page.jte.JtepageGenerated;

/**
 * The frame every page of both platforms is written in (its templates' {@code page.jte}): the
 * heading, a style sheet for the screen and for print (A4, numbered sheets, the title heading
 * each, table heads repeated, ids never broken across lines), and the page's own content.
 *
 * <p>In a template, with {@code body} a content block of the page's own:
 * <pre>{@code
 * ${Layout.page(report.heading(), body)}
 * }</pre>
 */
public final class Layout {
  private Layout() {}

  /** Returns {@code body} framed as a page headed by {@code heading}. */
  public static Content page(Heading heading, Content body) {
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(body, "body");
    return (HtmlContent) out -> JtepageGenerated.render(out, null, heading, body, null);
  }

  /**
   * Returns {@code body} framed as a page headed by {@code heading}, with {@code nav} above the
   * heading on the screen (a console's navigation; print leaves it out).
   */
  public static Content page(Heading heading, Content nav, Content body) {
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(nav, "nav");
    Objects.requireNonNull(body, "body");
    return (HtmlContent) out -> JtepageGenerated.render(out, null, heading, body, nav);
  }
}
