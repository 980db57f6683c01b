package org.gapsync.platform.premis;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a PREMIS 3 document ({@code http://www.loc.gov/premis/v3}) one entity at a time, so
 * that a ledger of any size is exported without being held in memory: first every object, then
 * every event, and at the end the agents the events named (their identifiers are kept, a few
 * per platform). The schema's order is enforced: an object after an event is refused.
 *
 * <p>The document always holds one object, the platform's ledger, which PREMIS's rule of one
 * object at least is met by on a platform that has done nothing yet.
 *
 * <pre>{@code
 * try (PremisWriter premis = new PremisWriter(out, "archive-lan", "source-platform 0.1.0")) {
 *   premis.object(PremisWriter.Category.INTELLECTUAL_ENTITY, "gapsync archival id", "A-1");
 *   premis.event(event);
 * }
 * }</pre>
 */
public final class PremisWriter implements Closeable {
  /** The PREMIS 3 namespace. */
  public static final String NAMESPACE = "http://www.loc.gov/premis/v3";
  /** The identifier type of the people who ran commands. */
  public static final String USER = "gapsync user";
  /** The identifier type of the application that recorded the events. */
  public static final String SOFTWARE = "gapsync software";
  /** The identifier type of the ledger a platform keeps: the platform's id. */
  public static final String LEDGER = "gapsync ledger";
  /** Characters XML 1.0 cannot carry, such as control characters in a file name. */
  private static final Pattern XML_FORBIDDEN = Pattern.compile(
      "[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  /** The PREMIS object categories this export uses. */
  public enum Category {
    /** A record: one archival file with its metadata and content. */
    INTELLECTUAL_ENTITY("intellectualEntity"),
    /** A package or receipt: one transfer's set of files. */
    REPRESENTATION("representation");

    private final String xsiType;

    Category(String xsiType) {
      this.xsiType = xsiType;
    }
  }

  /**
   * An identifier of an agent or object that an event links to, with its role in the event.
   *
   * @param type the identifier's type, such as {@code gapsync archival id}
   * @param value the identifier
   * @param role the role in the event, such as {@code executing program} or {@code source}
   */
  public record Link(String type, String value, String role) {
    /** Checks presence. */
    public Link {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(role, "role");
    }
  }

  /**
   * One PREMIS event.
   *
   * @param idType the type of its identifier, such as {@code gapsync audit event}
   * @param id its identifier, unique within the export
   * @param type the event type: a term of the Library of Congress eventType vocabulary where
   *     one fits, otherwise one of this application's own
   * @param at when it happened
   * @param detail what was done, in words
   * @param outcome how it ended, such as {@code success} or {@code failure}
   * @param outcomeNote why it ended so, when there is more to say
   * @param user the operating-system user who ran it
   * @param objects the objects it acted on
   */
  public record Event(String idType, String id, EventType type, Instant at, String detail,
      String outcome, Optional<String> outcomeNote, String user, List<Link> objects) {
    /** Copies the objects. */
    public Event {
      objects = List.copyOf(objects);
    }
  }

  /**
   * How much a document holds.
   *
   * @param objects the objects written
   * @param events the events written
   * @param agents the agents written
   */
  public record Counts(long objects, long events, long agents) {}

  private final XMLStreamWriter xml;
  private long objects;
  private long events;
  private final String platform;
  private final String software;
  private final Set<String> users = new TreeSet<>();
  private boolean isInEvents;

  /**
   * Starts a document on {@code out} for the events of {@code platform}, recorded by
   * {@code software} (name and version).
   */
  public PremisWriter(OutputStream out, String platform, String software) throws IOException {
    this.platform = Objects.requireNonNull(platform, "platform");
    this.software = Objects.requireNonNull(software, "software");
    try {
      xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.setDefaultNamespace(NAMESPACE);
      xml.writeStartElement(NAMESPACE, "premis");
      xml.writeDefaultNamespace(NAMESPACE);
      xml.writeNamespace("xsi", XSI);
      xml.writeAttribute("version", "3.0");
      xml.writeCharacters("\n");
    } catch (XMLStreamException e) {
      throw new IOException("cannot start the PREMIS document: " + e.getMessage(), e);
    }
    // PREMIS needs one object at least: the ledger itself, which every event is recorded in.
    object(Category.INTELLECTUAL_ENTITY, LEDGER, platform);
  }

  /** Returns how much has been written. */
  public Counts counts() {
    return new Counts(objects, events, 1 + users.size());
  }

  /** Writes an object; every object comes before the first event. */
  public void object(Category category, String idType, String id) throws IOException {
    if (isInEvents) {
      throw new IllegalStateException("PREMIS puts every object before the events");
    }
    try {
      xml.writeStartElement(NAMESPACE, "object");
      xml.writeAttribute("xsi", XSI, "type", category.xsiType);
      xml.writeStartElement(NAMESPACE, "objectIdentifier");
      text("objectIdentifierType", idType);
      text("objectIdentifierValue", id);
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeCharacters("\n");
      objects++;
    } catch (XMLStreamException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Writes an event, linked to its user and to the software that recorded it. */
  public void event(Event e) throws IOException {
    isInEvents = true;
    users.add(e.user());
    try {
      xml.writeStartElement(NAMESPACE, "event");
      xml.writeStartElement(NAMESPACE, "eventIdentifier");
      text("eventIdentifierType", e.idType());
      text("eventIdentifierValue", e.id());
      xml.writeEndElement();
      eventType(e.type());
      text("eventDateTime", e.at().toString());
      xml.writeStartElement(NAMESPACE, "eventDetailInformation");
      text("eventDetail", e.detail());
      xml.writeEndElement();
      xml.writeStartElement(NAMESPACE, "eventOutcomeInformation");
      text("eventOutcome", e.outcome());
      if (e.outcomeNote().isPresent()) {
        xml.writeStartElement(NAMESPACE, "eventOutcomeDetail");
        text("eventOutcomeDetailNote", e.outcomeNote().get());
        xml.writeEndElement();
      }
      xml.writeEndElement();
      link("linkingAgentIdentifier", new Link(USER, userId(e.user()), "implementer"));
      link("linkingAgentIdentifier", new Link(SOFTWARE, software, "executing program"));
      for (Link o : e.objects()) {
        link("linkingObjectIdentifier", o);
      }
      xml.writeEndElement();
      xml.writeCharacters("\n");
      events++;
    } catch (XMLStreamException x) {
      throw new IOException(x.getMessage(), x);
    }
  }

  /** Writes the agents the events named and ends the document; the stream stays open. */
  @Override
  public void close() throws IOException {
    try {
      agent(SOFTWARE, software, software, "software");
      for (String user : users) {
        agent(USER, userId(user), user, "person");
      }
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot end the PREMIS document: " + e.getMessage(), e);
    }
  }

  private String userId(String user) {
    return platform + "/" + user;
  }

  private void agent(String idType, String id, String name, String type)
      throws XMLStreamException {
    xml.writeStartElement(NAMESPACE, "agent");
    xml.writeStartElement(NAMESPACE, "agentIdentifier");
    text("agentIdentifierType", idType);
    text("agentIdentifierValue", id);
    xml.writeEndElement();
    text("agentName", name);
    text("agentType", type);
    xml.writeEndElement();
    xml.writeCharacters("\n");
  }

  private void link(String element, Link link) throws XMLStreamException {
    String prefix = element.equals("linkingAgentIdentifier") ? "linkingAgent" : "linkingObject";
    xml.writeStartElement(NAMESPACE, element);
    text(prefix + "IdentifierType", link.type());
    text(prefix + "IdentifierValue", link.value());
    text(prefix + "Role", link.role());
    xml.writeEndElement();
  }

  private void eventType(EventType type) throws XMLStreamException {
    xml.writeStartElement(NAMESPACE, "eventType");
    xml.writeAttribute("authority", type.authority());
    if (type.isLoc()) {
      xml.writeAttribute("authorityURI", EventType.LOC_AUTHORITY_URI);
      xml.writeAttribute("valueURI", type.valueUri().orElseThrow());
    }
    xml.writeCharacters(type.term());
    xml.writeEndElement();
  }

  private void text(String element, String value) throws XMLStreamException {
    xml.writeStartElement(NAMESPACE, element);
    xml.writeCharacters(XML_FORBIDDEN.matcher(value).replaceAll("\uFFFD"));
    xml.writeEndElement();
  }
}
