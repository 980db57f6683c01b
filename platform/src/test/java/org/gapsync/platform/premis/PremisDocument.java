package org.gapsync.platform.premis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A PREMIS document read back for tests, checked on reading for what PREMIS consumers rely on:
 * the namespace and version, objects before events before agents, unique event identifiers, and
 * every object and agent an event links to present in the document.
 */
public final class PremisDocument {
  private final Document document;

  private PremisDocument(Document document) {
    this.document = document;
  }

  /** Parses {@code file} and checks it as described above. */
  public static PremisDocument read(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    PremisDocument premis = new PremisDocument(factory.newDocumentBuilder().parse(file.toFile()));
    premis.check();
    return premis;
  }

  private void check() {
    Element root = document.getDocumentElement();
    assertEquals(PremisWriter.NAMESPACE, root.getNamespaceURI());
    assertEquals("premis", root.getLocalName());
    assertEquals("3.0", root.getAttribute("version"));
    List<String> order = new ArrayList<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        assertEquals(PremisWriter.NAMESPACE, e.getNamespaceURI(), e.getTagName());
        if (order.isEmpty() || !order.get(order.size() - 1).equals(e.getLocalName())) {
          order.add(e.getLocalName());
        }
      }
    }
    assertEquals(List.of("object", "event", "agent"), order, "objects, events, agents");
    assertEquals(texts("eventIdentifierValue").size(),
        new HashSet<>(texts("eventIdentifierValue")).size(), "event identifiers are unique");
    Set<String> objects = new HashSet<>(texts("objectIdentifierValue"));
    Set<String> agents = new HashSet<>(texts("agentIdentifierValue"));
    for (String linked : texts("linkingObjectIdentifierValue")) {
      assertTrue(objects.contains(linked), "an event links to the unknown object " + linked);
    }
    for (String linked : texts("linkingAgentIdentifierValue")) {
      assertTrue(agents.contains(linked), "an event links to the unknown agent " + linked);
    }
  }

  /** Returns the text of every element named {@code localName}, in document order. */
  public List<String> texts(String localName) {
    NodeList nodes = document.getElementsByTagNameNS(PremisWriter.NAMESPACE, localName);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }

  /** Returns the outcome of each event whose type is {@code type}. */
  public List<String> outcomesOf(String type) {
    NodeList events = document.getElementsByTagNameNS(PremisWriter.NAMESPACE, "event");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < events.getLength(); i++) {
      Element e = (Element) events.item(i);
      if (text(e, "eventType").equals(type)) {
        out.add(text(e, "eventOutcome"));
      }
    }
    return out;
  }

  private static String text(Element parent, String localName) {
    return parent.getElementsByTagNameNS(PremisWriter.NAMESPACE, localName).item(0)
        .getTextContent();
  }
}
