package org.gapsync.format.record;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.gapsync.format.ArchivalId;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.xml.XmlCodec;

/**
 * One record's metadata as named fields, in the schema's order: the elements of
 * {@code archival-record.xsd} by their names, and each {@code property} as
 * {@code property:NAME}. Writing the same fields always gives the same bytes.
 *
 * <pre>{@code
 * RecordMetadata m = RecordMetadata.read("holdings/A-1/metadata.xml", () -> in);
 * byte[] shaped = m.retain(template.metadata()::includes).toXml();
 * }</pre>
 *
 * @param fields every field present, by name, in the schema's order
 */
public record RecordMetadata(Map<String, String> fields) {
  /** The elements of the record schema, in their order; properties follow them. */
  public static final List<String> ELEMENTS = List.of("identifier", "title", "fonds", "year",
      "retention", "openness", "securityLevel", "creator", "dateCreated", "dateModified",
      "description");
  /** The prefix of property fields. */
  public static final String PROPERTY = "property:";
  /**
   * The most characters a field's value may have. Longer texts belong in a file of the record,
   * which travels, is hashed and is verified like any other.
   */
  public static final int MAX_VALUE = 65_536;

  /**
   * Copies the fields, keeping their order, and checks the identifier and that no value is
   * longer than {@link #MAX_VALUE}.
   *
   * @throws IllegalArgumentException naming the field that is too long, or a bad identifier
   */
  public RecordMetadata {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    ArchivalId.check(Objects.requireNonNull(fields.get("identifier"), "identifier"));
    fields.forEach((name, value) -> {
      if (value.length() > MAX_VALUE) {
        throw new IllegalArgumentException(name + " is " + value.length() + " characters "
            + "long, more than the " + MAX_VALUE + " a field may hold; move the long text into "
            + "a file of the record and scan again");
      }
    });
  }

  /** Returns the record's archival id. */
  public String identifier() {
    return fields.get("identifier");
  }

  /** Returns the value of a field, if the record has it. */
  public Optional<String> get(String field) {
    return Optional.ofNullable(fields.get(field));
  }

  /** Returns whether {@code field} names an element of the schema or a property. */
  public static boolean isKnownField(String field) {
    return ELEMENTS.contains(field) || (field.startsWith(PROPERTY)
        && field.length() > PROPERTY.length());
  }

  /** Returns the metadata with only the fields {@code keep} accepts, and always the identifier. */
  public RecordMetadata retain(Predicate<String> keep) {
    Map<String, String> kept = new LinkedHashMap<>();
    fields.forEach((k, v) -> {
      if (k.equals("identifier") || keep.test(k)) {
        kept.put(k, v);
      }
    });
    return new RecordMetadata(kept);
  }

  /**
   * Reads and validates a {@code metadata.xml}.
   *
   * @throws org.gapsync.format.SchemaViolationException naming the line of the first violation
   */
  public static RecordMetadata read(String name, XmlCodec.Source source) throws IOException {
    return RecordXml.read(name, source);
  }

  /** Returns the metadata as {@code metadata.xml} bytes, the same bytes for the same fields. */
  public byte[] toXml() throws PackageFormatException {
    return RecordXml.write(this);
  }
}
