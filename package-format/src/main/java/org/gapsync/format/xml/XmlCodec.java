package org.gapsync.format.xml;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import jakarta.xml.bind.ValidationEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.SchemaViolationException;
import org.gapsync.format.UnsupportedFormatVersionException;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads and writes one kind of XML document, validated against its schema. Reading refuses a
 * DTD or entity declaration outright, checks the root element and its {@code formatVersion}
 * before anything else, and reports the first schema violation with its line.
 *
 * @param <T> the JAXB class of the root element
 */
public final class XmlCodec<T> {
  private static final org.xml.sax.helpers.DefaultHandler NOTHING =
      new org.xml.sax.helpers.DefaultHandler();
  /** Each thread's parser for {@link #read}, made on first use. */
  private static final ThreadLocal<XMLReader> SAX = new ThreadLocal<>();
  /** Each thread's StAX factory, with DTDs and external entities off. */
  private static final ThreadLocal<XMLInputFactory> STAX = ThreadLocal.withInitial(() -> {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    return factory;
  });

  /**
   * The format version of record metadata and templates that this library writes. It stays
   * {@code 1.0} while their bytes do not change: the ledger keeps the digest of template-shaped
   * metadata, and a new version would make every record look modified.
   */
  public static final String FORMAT_VERSION = "1.0";

  /**
   * The format version of sync packages and receipts that this library writes: {@code 1.1}
   * writes the signature in DER and the SM2-encrypted key of an envelope as an
   * {@code SM2Cipher}; {@code 1.0} wrote BER and the raw SM2 ciphertext. Both are read.
   */
  public static final String PACKAGE_FORMAT_VERSION = "1.1";

  /**
   * The version of a sync header or receipt of one volume of a set ({@code volume} element);
   * headers and receipts of a package written whole stay {@link #PACKAGE_FORMAT_VERSION}, so
   * that readers of 1.1 open them as before.
   */
  public static final String VOLUME_FORMAT_VERSION = "1.2";

  private static final Set<String> KNOWN_VERSIONS = Set.of(FORMAT_VERSION,
      PACKAGE_FORMAT_VERSION, VOLUME_FORMAT_VERSION);
  private static final String IDENTITY_CONSTRAINTS =
      "http://apache.org/xml/features/validation/identity-constraint-checking";

  private final Class<T> type;
  private final QName root;
  private final JAXBContext context;
  private final Schema schema;
  /**
   * Each thread's validator, made on first use: making one costs more than validating a
   * record's metadata, and a build validates the metadata of every record it carries.
   */
  private final ThreadLocal<ValidatorHandler> validators = new ThreadLocal<>();

  private XmlCodec(Class<T> type, QName root, String schemaName) {
    this.type = type;
    this.root = root;
    try {
      this.context = JAXBContext.newInstance(type.getPackageName(), type.getClassLoader());
      this.schema = loadSchema(schemaName);
    } catch (JAXBException | SAXException e) {
      throw new IllegalStateException("cannot set up XML binding for " + root, e);
    }
  }

  /** Returns a codec for documents whose root is {@code root}, defined by the named schema. */
  public static <T> XmlCodec<T> of(Class<T> type, QName root, String schemaName) {
    return new XmlCodec<>(Objects.requireNonNull(type), Objects.requireNonNull(root),
        Objects.requireNonNull(schemaName));
  }

  /** A source of a document's bytes, opened where it is read. */
  @FunctionalInterface
  public interface Source {
    /** Opens the document from its start. */
    InputStream open() throws IOException;
  }

  /**
   * Reads and validates the document {@code name} (for messages).
   *
   * @throws SchemaViolationException when it is not well-formed, has a DTD, or is invalid
   * @throws UnsupportedFormatVersionException when it declares a version this reader lacks
   */
  public T read(String name, Source source) throws IOException {
    FirstError first = new FirstError();
    try (InputStream in = source.open()) {
      Unmarshaller unmarshaller = context.createUnmarshaller();
      unmarshaller.setEventHandler(first);
      UnmarshallerHandler binder = unmarshaller.getUnmarshallerHandler();
      validate(name, in, binder);
      Object result = binder.getResult();
      Object value = result instanceof JAXBElement<?> e ? e.getValue() : result;
      return type.cast(value);
    } catch (org.xml.sax.SAXParseException e) {
      throw first.event == null ? parseFailure(name, e) : first.exception(name, e);
    } catch (jakarta.xml.bind.UnmarshalException e) {
      throw first.event == null ? violation(name, e) : first.exception(name, e);
    } catch (JAXBException | SAXException | ParserConfigurationException e) {
      throw first.event == null ? new PackageFormatException(name + ": cannot read: "
          + e.getMessage(), e) : first.exception(name, e);
    }
  }

  /**
   * Parses {@code in} with this thread's parser through this thread's validator, which stops at
   * the first violation, handing the events on to {@code downstream} (none: validation only).
   * Parser and validator are kept for the thread's next document: neither keeps this one alive.
   */
  private void validate(String name, InputStream in, org.xml.sax.ContentHandler downstream)
      throws IOException, SAXException, ParserConfigurationException {
    ValidatorHandler validator = validatorHandler();
    validator.setContentHandler(downstream);
    XMLReader reader = secureReader();
    RootCheck rootCheck = new RootCheck(name);
    rootCheck.setContentHandler(validator);
    reader.setContentHandler(rootCheck);
    reader.setErrorHandler(validator.getErrorHandler());
    InputSource input = new InputSource(in);
    input.setSystemId(name);
    try {
      reader.parse(input);
    } catch (RootRefused e) {
      throw e.refusal;
    } catch (org.xml.sax.SAXParseException e) {
      if (!rootCheck.isRootSeen) {
        throw beforeRoot(name, e);
      }
      throw e;
    } finally {
      reader.setContentHandler(NOTHING);
      reader.setErrorHandler(NOTHING);
      validator.setContentHandler(null);
    }
  }

  /**
   * Returns a validator that stops at the first error, without the JDK's identity-constraint
   * check: it takes time quadratic in the elements (minutes for a header of 100,000 records),
   * and the mapping to records checks the same uniqueness with hash sets ({@code
   * PackageHeader}, {@code Receipt}). The schemas keep their {@code xs:unique} for other tools.
   */
  private ValidatorHandler validatorHandler() throws SAXException {
    ValidatorHandler validator = validators.get();
    if (validator == null) {
      validator = newValidatorHandler();
      validators.set(validator);
    }
    return validator;
  }

  private ValidatorHandler newValidatorHandler() throws SAXException {
    ValidatorHandler validator = schema.newValidatorHandler();
    validator.setFeature(IDENTITY_CONSTRAINTS, false);
    validator.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
      @Override
      public void error(org.xml.sax.SAXParseException e) throws SAXException {
        throw e;
      }
    });
    return validator;
  }

  /**
   * Returns every schema violation of the document {@code name}, each as
   * {@code name:line: rule}; empty when it is valid. Unlike {@link #read}, it does not stop at
   * the first, so that an author can fix them all at once.
   */
  public List<String> violations(String name, Source source) throws IOException {
    try (InputStream in = source.open()) {
      checkRoot(name, in);
    } catch (SchemaViolationException | UnsupportedFormatVersionException e) {
      return List.of(e.getMessage());
    }
    List<String> violations = new ArrayList<>();
    javax.xml.validation.Validator validator = schema.newValidator();
    validator.setErrorHandler(new org.xml.sax.ErrorHandler() {
      @Override
      public void warning(org.xml.sax.SAXParseException e) {
        // Warnings do not make a document invalid.
      }

      @Override
      public void error(org.xml.sax.SAXParseException e) {
        violations.add(name + ":" + e.getLineNumber() + ": " + e.getMessage());
      }

      @Override
      public void fatalError(org.xml.sax.SAXParseException e) {
        violations.add(name + ":" + e.getLineNumber() + ": " + e.getMessage());
      }
    });
    try (InputStream in = source.open()) {
      InputSource input = new InputSource(in);
      input.setSystemId(name);
      validator.validate(new SAXSource(newSecureReader(), input));
    } catch (org.xml.sax.SAXParseException e) {
      // Already collected by fatalError: the document is not well-formed.
      return violations;
    } catch (SAXException | ParserConfigurationException e) {
      throw new PackageFormatException(name + ": cannot validate: " + e.getMessage(), e);
    }
    return violations;
  }

  /**
   * Checks the root and validates the whole document {@code name} against the schema in one
   * streaming pass, binding nothing: memory does not grow with the document. Stops at the first
   * violation, as {@link #read} does.
   *
   * @throws SchemaViolationException when it is not well-formed, has a DTD, or is invalid
   * @throws UnsupportedFormatVersionException when it declares a version this reader lacks
   */
  public void validate(String name, Source source) throws IOException {
    try (InputStream in = source.open()) {
      validate(name, in, null);
    } catch (org.xml.sax.SAXParseException e) {
      throw parseFailure(name, e);
    } catch (SAXException | ParserConfigurationException e) {
      throw new PackageFormatException(name + ": cannot validate: " + e.getMessage(), e);
    }
  }

  /**
   * Opens a document already {@link #validate validated} to be read an element at a time: the
   * caller walks its events and has JAXB bind each repeated element it stops at, so that a
   * document of a million records is never held whole.
   */
  public Elements elements(String name, InputStream in) throws PackageFormatException {
    try {
      return new Elements(name, STAX.get().createXMLStreamReader(in),
          context.createUnmarshaller());
    } catch (XMLStreamException e) {
      throw new SchemaViolationException(name, 0, "not well-formed XML: " + e.getMessage(), e);
    } catch (JAXBException e) {
      throw new PackageFormatException(name + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** A validated document being read an element at a time; see {@link #elements}. */
  public static final class Elements implements AutoCloseable {
    private final String name;
    private final XMLStreamReader reader;
    private final Unmarshaller unmarshaller;
    /** Whether a binding left the reader on the event after the bound element's end. */
    private boolean isPastBound;

    private Elements(String name, XMLStreamReader reader, Unmarshaller unmarshaller) {
      this.name = name;
      this.reader = reader;
      this.unmarshaller = unmarshaller;
    }

    /**
     * Moves to the next start of an element, returning its local name, or to the end of the
     * element enclosing it, returning empty.
     */
    public java.util.Optional<String> nextStart() throws PackageFormatException {
      try {
        if (isPastBound) {
          isPastBound = false;
          if (reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
            return java.util.Optional.of(reader.getLocalName());
          }
          if (reader.getEventType() == XMLStreamConstants.END_ELEMENT) {
            return java.util.Optional.empty();
          }
        }
        while (reader.hasNext()) {
          int event = reader.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            return java.util.Optional.of(reader.getLocalName());
          }
          if (event == XMLStreamConstants.END_ELEMENT) {
            return java.util.Optional.empty();
          }
        }
        return java.util.Optional.empty();
      } catch (XMLStreamException e) {
        throw failed(e);
      }
    }

    /** Returns the text of the element just started, moving past its end. */
    public String text() throws PackageFormatException {
      try {
        return reader.getElementText();
      } catch (XMLStreamException e) {
        throw failed(e);
      }
    }

    /** Returns the value of an attribute of the element just started, if it has it. */
    public java.util.Optional<String> attribute(String local) {
      return java.util.Optional.ofNullable(reader.getAttributeValue(null, local));
    }

    /** Binds the element just started as {@code type}, moving past its end. */
    public <E> E bind(Class<E> type) throws PackageFormatException {
      try {
        E value = unmarshaller.unmarshal(reader, type).getValue();
        isPastBound = true;
        return value;
      } catch (JAXBException e) {
        throw new PackageFormatException(name + ": cannot read: " + e.getMessage(), e);
      }
    }

    /** Returns the line the reader is at, for messages. */
    public int line() {
      return reader.getLocation().getLineNumber();
    }

    @Override
    public void close() throws PackageFormatException {
      try {
        reader.close();
      } catch (XMLStreamException e) {
        throw failed(e);
      }
    }

    private SchemaViolationException failed(XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      return new SchemaViolationException(name, line, "not well-formed XML: " + e.getMessage(),
          e);
    }
  }

  /** Returns {@code value} as UTF-8 XML bytes, validated against the schema as it is written. */
  public byte[] write(T value) throws PackageFormatException {
    try {
      Marshaller marshaller = context.createMarshaller();
      marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.TRUE);
      marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      marshaller.marshal(new JAXBElement<>(root, type, value), out);
      byte[] xml = out.toByteArray();
      validate(root.getLocalPart(), new java.io.ByteArrayInputStream(xml), null);
      return xml;
    } catch (org.xml.sax.SAXParseException e) {
      throw new SchemaViolationException(root.getLocalPart(), e.getLineNumber(),
          String.valueOf(e.getMessage()), e);
    } catch (JAXBException | SAXException | ParserConfigurationException | IOException e) {
      throw new PackageFormatException("cannot write " + root.getLocalPart() + ": "
          + e.getMessage(), e);
    }
  }

  private void checkRoot(String name, InputStream in) throws PackageFormatException {
    try {
      XMLStreamReader reader = STAX.get().createXMLStreamReader(in);
      try {
        while (reader.hasNext()) {
          int event = reader.next();
          if (event == XMLStreamConstants.DTD) {
            throw new SchemaViolationException(name, reader.getLocation().getLineNumber(),
                "a DTD (DOCTYPE) is not allowed", null);
          }
          if (event == XMLStreamConstants.START_ELEMENT) {
            checkRootElement(name, reader);
            return;
          }
        }
        throw new SchemaViolationException(name, 0, "no root element", null);
      } finally {
        reader.close();
      }
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      throw new SchemaViolationException(name, line, "not well-formed XML: "
          + e.getMessage(), e);
    }
  }

  private void checkRootElement(String name, XMLStreamReader reader)
      throws PackageFormatException {
    checkRootElement(name, reader.getName(), reader.getAttributeValue(null, "formatVersion"),
        reader.getLocation().getLineNumber());
  }

  private void checkRootElement(String name, QName element, String version, int line)
      throws PackageFormatException {
    if (!element.equals(root)) {
      throw new SchemaViolationException(name, line, "root element is " + element
          + ", expected " + root, null);
    }
    if (version == null) {
      throw new SchemaViolationException(name, line,
          "root element has no formatVersion attribute", null);
    }
    if (!KNOWN_VERSIONS.contains(version)) {
      throw new UnsupportedFormatVersionException(name, version, String.join(", ",
          new java.util.TreeSet<>(KNOWN_VERSIONS)));
    }
  }

  /**
   * Checks the root element and its {@code formatVersion} as the parse reaches it, before the
   * validator sees it: a document of another kind or version is refused by name, not by the
   * first rule of the schema it breaks, and without a second pass over its bytes.
   */
  private final class RootCheck extends org.xml.sax.helpers.XMLFilterImpl {
    private final String name;
    private org.xml.sax.Locator locator;
    private boolean isRootSeen;

    RootCheck(String name) {
      this.name = name;
    }

    @Override
    public void setDocumentLocator(org.xml.sax.Locator locator) {
      this.locator = locator;
      super.setDocumentLocator(locator);
    }

    @Override
    public void startElement(String uri, String local, String qualified,
        org.xml.sax.Attributes attributes) throws SAXException {
      if (!isRootSeen) {
        isRootSeen = true;
        try {
          checkRootElement(name, new QName(uri, local), attributes.getValue("", "formatVersion"),
              locator == null ? 0 : locator.getLineNumber());
        } catch (PackageFormatException e) {
          throw new RootRefused(e);
        }
      }
      super.startElement(uri, local, qualified, attributes);
    }
  }

  /** Carries a refusal of the root element out of the parse that found it. */
  private static final class RootRefused extends SAXException {
    private static final long serialVersionUID = 1L;
    private final transient PackageFormatException refusal;

    RootRefused(PackageFormatException refusal) {
      super(refusal.getMessage());
      this.refusal = refusal;
    }
  }

  /** A failure of the parser before the root element: no XML, or a DTD, which is refused. */
  private static SchemaViolationException beforeRoot(String name,
      org.xml.sax.SAXParseException e) {
    String message = String.valueOf(e.getMessage());
    return new SchemaViolationException(name, e.getLineNumber(), message.contains("DOCTYPE")
        ? "a DTD (DOCTYPE) is not allowed" : "not well-formed XML: " + message, e);
  }

  private static SchemaViolationException parseFailure(String name,
      org.xml.sax.SAXParseException e) {
    return new SchemaViolationException(name, e.getLineNumber(), String.valueOf(e.getMessage()),
        e);
  }

  /**
   * Returns this thread's parser, made once: finding and configuring a parser costs more than
   * parsing a record's metadata, and a scan parses a million of them. A SAX parser may be used
   * again once a parse has ended, by one thread at a time.
   */
  private static XMLReader secureReader() throws ParserConfigurationException, SAXException {
    XMLReader reader = SAX.get();
    if (reader == null) {
      reader = newSecureReader();
      SAX.set(reader);
    }
    return reader;
  }

  private static XMLReader newSecureReader() throws ParserConfigurationException,
      SAXException {
    SAXParserFactory factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    return factory.newSAXParser().getXMLReader();
  }

  private static Schema loadSchema(String schemaName) throws SAXException {
    URL url = XmlCodec.class.getResource("/org/gapsync/schemas/" + schemaName);
    if (url == null) {
      throw new IllegalStateException("schema not on the class path: " + schemaName);
    }
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    // Our schemas import each other from the same jar or folder, nothing from elsewhere.
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar:file");
    return factory.newSchema(url);
  }

  private static SchemaViolationException violation(String name, JAXBException e) {
    Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e;
    int line = 0;
    String message = cause.getMessage();
    if (cause instanceof org.xml.sax.SAXParseException p) {
      line = p.getLineNumber();
    }
    return new SchemaViolationException(name, line, message == null ? "invalid" : message, e);
  }

  /** Stops at the first error or warning and keeps it, with its location, for the message. */
  private static final class FirstError implements jakarta.xml.bind.ValidationEventHandler {
    private ValidationEvent event;

    @Override
    public boolean handleEvent(ValidationEvent e) {
      if (event == null) {
        event = e;
      }
      return false;
    }

    SchemaViolationException exception(String name, Exception cause) {
      int line = event.getLocator() == null ? 0 : Math.max(0, event.getLocator().getLineNumber());
      return new SchemaViolationException(name, line, event.getMessage(), cause);
    }
  }
}
