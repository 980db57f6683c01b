package org.gapsync.format.template;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.xml.bind.JAXBElement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.gapsync.format.TemplateInvalidException;
import org.gapsync.format.container.ContainerFormat;
import org.gapsync.format.xml.XmlCodec;
import org.gapsync.format.xml.template.Conditions;
import org.gapsync.format.xml.template.FileMatch;
import org.gapsync.format.xml.template.Selection;

/**
 * Reads a destination template and checks it twice: against {@code template.xsd}, then by the
 * rules the schema cannot state (a backup sends everything, required metadata is kept, fields
 * exist, ranges are ordered). Every violation is reported, not only the first.
 *
 * <pre>{@code
 * Template t = TemplateReader.read(Path.of("docs/examples/reading-room.xml"));
 * }</pre>
 */
public final class TemplateReader {
  private static final XmlCodec<org.gapsync.format.xml.template.Template> CODEC = XmlCodec.of(
      org.gapsync.format.xml.template.Template.class,
      new QName("urn:gapsync:template:1", "template"), "template.xsd");

  /**
   * The deepest a template's elements may nest: conditions a person writes nest a few levels;
   * thousands would only exhaust the stack of every step that walks them.
   */
  static final int MAX_DEPTH = 64;

  private TemplateReader() {}

  /**
   * Reads the template in {@code file}.
   *
   * @throws TemplateInvalidException listing every violation
   */
  public static Template read(Path file) throws IOException {
    return read(file.toString(), () -> Files.newInputStream(file));
  }

  /** Reads the template {@code name} from {@code source}. */
  public static Template read(String name, XmlCodec.Source source) throws IOException {
    checkDepth(name, source);
    List<String> violations = CODEC.violations(name, source);
    if (!violations.isEmpty()) {
      throw new TemplateInvalidException(name, violations);
    }
    Template template = map(CODEC.read(name, source));
    List<String> broken = new ArrayList<>();
    try (ValidatorFactory factory = Validation.byDefaultProvider().configure()
        .messageInterpolator(new org.hibernate.validator.messageinterpolation
            .ParameterMessageInterpolator()).buildValidatorFactory()) {
      Validator validator = factory.getValidator();
      Set<ConstraintViolation<Template>> found = validator.validate(template);
      for (ConstraintViolation<Template> v : found) {
        String where = v.getPropertyPath().toString();
        broken.add(name + ": " + (where.isEmpty() ? "" : where + ": ") + v.getMessage());
      }
    }
    if (!broken.isEmpty()) {
      broken.sort(null);
      throw new TemplateInvalidException(name, broken);
    }
    return template;
  }

  /** Refuses a document whose elements nest deeper than {@link #MAX_DEPTH}, before parsing. */
  private static void checkDepth(String name, XmlCodec.Source source) throws IOException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try (InputStream in = source.open()) {
      XMLStreamReader reader = factory.createXMLStreamReader(in);
      for (int depth = 0; reader.hasNext(); ) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT && ++depth > MAX_DEPTH) {
          throw new TemplateInvalidException(name, List.of(name + ":" + reader.getLocation()
              .getLineNumber() + ": elements nest more than " + MAX_DEPTH + " deep; write "
              + "the selection with fewer levels of and, or and not"));
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    } catch (XMLStreamException e) {
      // Not well-formed: the schema check that follows reports it with its line.
      return;
    }
  }

  private static Template map(org.gapsync.format.xml.template.Template x) {
    MetadataSelection metadata = new MetadataSelection(x.getMetadata().getAll() != null,
        Set.copyOf(x.getMetadata().getField()));
    return new Template(x.getId(), x.getVersion().longValueExact(), x.getName(),
        Purpose.valueOf(x.getPurpose().value().toUpperCase(Locale.ROOT)),
        ContainerFormat.fromName(x.getEncapsulation().value()).orElseThrow(),
        x.getEncryption() == org.gapsync.format.xml.template.Encryption.REQUIRED, metadata,
        content(x.getContent()), condition(x.getSelection()));
  }

  private static ContentSelection content(org.gapsync.format.xml.template.ContentSelection c) {
    if (c.getAll() != null) {
      return new ContentSelection(ContentSelection.Mode.ALL, Set.of(), Set.of());
    }
    if (c.getNone() != null) {
      return new ContentSelection(ContentSelection.Mode.NONE, Set.of(), Set.of());
    }
    boolean include = c.getInclude() != null;
    FileMatch m = include ? c.getInclude() : c.getExclude();
    return new ContentSelection(include ? ContentSelection.Mode.INCLUDE
        : ContentSelection.Mode.EXCLUDE, Set.copyOf(m.getExtension()),
        Set.copyOf(m.getMediaType()));
  }

  private static Condition condition(Selection s) {
    if (s.getAnd() != null) {
      return new Condition.And(conditions(s.getAnd()));
    }
    if (s.getOr() != null) {
      return new Condition.Or(conditions(s.getOr()));
    }
    if (s.getNot() != null) {
      return new Condition.Not(condition(s.getNot()));
    }
    if (s.getEquals() != null) {
      return new Condition.Equals(s.getEquals().getField(), s.getEquals().getValue());
    }
    if (s.getIn() != null) {
      return new Condition.In(s.getIn().getField(), Set.copyOf(s.getIn().getValue()));
    }
    if (s.getRange() != null) {
      return new Condition.Range(s.getRange().getField(),
          Optional.ofNullable(s.getRange().getMin()), Optional.ofNullable(s.getRange().getMax()));
    }
    return new Condition.All();
  }

  private static List<Condition> conditions(Conditions list) {
    List<Condition> out = new ArrayList<>();
    for (JAXBElement<?> e : list.getCondition()) {
      Selection wrapper = new Selection();
      Object v = e.getValue();
      switch (e.getName().getLocalPart()) {
        case "all" -> out.add(new Condition.All());
        case "and" -> out.add(new Condition.And(conditions((Conditions) v)));
        case "or" -> out.add(new Condition.Or(conditions((Conditions) v)));
        case "not" -> out.add(new Condition.Not(condition((Selection) v)));
        case "equals" -> {
          wrapper.setEquals((org.gapsync.format.xml.template.Equals) v);
          out.add(condition(wrapper));
        }
        case "in" -> {
          wrapper.setIn((org.gapsync.format.xml.template.In) v);
          out.add(condition(wrapper));
        }
        case "range" -> {
          wrapper.setRange((org.gapsync.format.xml.template.Range) v);
          out.add(condition(wrapper));
        }
        default -> throw new AssertionError("schema allows no " + e.getName());
      }
    }
    return out;
  }
}
