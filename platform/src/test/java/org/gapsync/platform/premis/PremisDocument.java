package org.gapsync.platform.premis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A PREMIS document read back for tests, checked on reading for what PREMIS consumers rely on:
 * the namespace and version, objects before events before agents, unique event identifiers, and
 * every object and agent an event links to present in the document, and every event type a
 * term of the Library of Congress eventType vocabulary with its code and URI, or marked as one
 * of this application's own that the LoC vocabulary has no term for.
 */
public final class PremisDocument {
  /** The LoC preservation eventType vocabulary: code to authoritative label. */
  private static final Map<String, String> LOC_EVENT_TYPES = Map.ofEntries(
      Map.entry("acc", "accession"), Map.entry("app", "appraisal"),
      Map.entry("cap", "capture"), Map.entry("com", "compression"),
      Map.entry("cop", "compiling"), Map.entry("cre", "creation"),
      Map.entry("dea", "deaccession"), Map.entry("dec", "decompression"),
      Map.entry("del", "deletion"), Map.entry("der", "decryption"),
      Map.entry("dig", "digital signature validation"), Map.entry("dis", "dissemination"),
      Map.entry("dsg", "digital signature generation"), Map.entry("dsp", "displaying"),
      Map.entry("enc", "encryption"), Map.entry("exe", "execution"),
      Map.entry("exp", "exporting"), Map.entry("ext", "extraction"),
      Map.entry("ffa", "forensic feature analysis"), Map.entry("fil", "filename change"),
      Map.entry("fix", "fixity check"), Map.entry("for", "format identification"),
      Map.entry("ima", "imaging"), Map.entry("ine", "ingestion end"),
      Map.entry("ing", "ingestion"), Map.entry("ins", "ingestion start"),
      Map.entry("int", "interpreting"), Map.entry("ipc", "information package creation"),
      Map.entry("ipm", "information package merging"),
      Map.entry("ips", "information package splitting"),
      Map.entry("mee", "metadata extraction"), Map.entry("mem", "metadata modification"),
      Map.entry("mes", "message digest calculation"), Map.entry("mig", "migration"),
      Map.entry("mod", "modification"), Map.entry("nor", "normalization"),
      Map.entry("pac", "packing"), Map.entry("poa", "policy assignment"),
      Map.entry("prt", "printing"), Map.entry("qua", "quarantine"),
      Map.entry("rec", "recovery"), Map.entry("red", "redaction"),
      Map.entry("ref", "refreshment"), Map.entry("ren", "rendering"),
      Map.entry("rep", "replication"), Map.entry("tra", "transfer"),
      Map.entry("unp", "unpacking"), Map.entry("unq", "unquarantine"),
      Map.entry("val", "validation"), Map.entry("vir", "virus check"));
  private static final String LOC = "http://id.loc.gov/vocabulary/preservation/eventType";

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
    NodeList types = document.getElementsByTagNameNS(PremisWriter.NAMESPACE, "eventType");
    for (int i = 0; i < types.getLength(); i++) {
      checkEventType((Element) types.item(i));
    }
  }

  private static void checkEventType(Element type) {
    String term = type.getTextContent();
    if (type.getAttribute("authority").equals("eventType")) {
      assertEquals(LOC, type.getAttribute("authorityURI"), term);
      String uri = type.getAttribute("valueURI");
      assertTrue(uri.startsWith(LOC + "/"), term + ": " + uri);
      assertEquals(LOC_EVENT_TYPES.get(uri.substring(LOC.length() + 1)), term, uri);
    } else {
      assertEquals("gapsync", type.getAttribute("authority"), term);
      assertFalse(LOC_EVENT_TYPES.containsValue(term), term + " is a LoC term: say so");
      assertFalse(type.hasAttribute("valueURI"), term);
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

  /** Returns the authority of the first event type {@code term}. */
  public String authorityOf(String term) {
    return eventType(term).getAttribute("authority");
  }

  /** Returns the value URI of the first event type {@code term}. */
  public String valueUriOf(String term) {
    return eventType(term).getAttribute("valueURI");
  }

  private Element eventType(String term) {
    NodeList types = document.getElementsByTagNameNS(PremisWriter.NAMESPACE, "eventType");
    for (int i = 0; i < types.getLength(); i++) {
      if (types.item(i).getTextContent().equals(term)) {
        return (Element) types.item(i);
      }
    }
    throw new AssertionError("no event of type " + term);
  }

  private static String text(Element parent, String localName) {
    return parent.getElementsByTagNameNS(PremisWriter.NAMESPACE, localName).item(0)
        .getTextContent();
  }
}
