package org.gapsync.source.ledger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gapsync.format.template.Template;
import org.gapsync.format.template.TemplateReader;

/** The templates of all destinations, read once per command. */
public final class Templates {
  private Templates() {}

  /** Returns each destination's template, by destination id. */
  public static Map<String, Template> of(Transaction tx) throws IOException {
    Map<String, Template> templates = new LinkedHashMap<>();
    for (Destination d : tx.sync().destinations()) {
      templates.put(d.id(), read(d));
    }
    return templates;
  }

  /** Returns one destination's template. */
  public static Template read(Destination d) throws IOException {
    byte[] xml = d.templateXml().getBytes(StandardCharsets.UTF_8);
    return TemplateReader.read("template of " + d.id(), () -> new ByteArrayInputStream(xml));
  }
}
