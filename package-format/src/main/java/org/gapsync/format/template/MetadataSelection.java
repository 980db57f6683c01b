package org.gapsync.format.template;

import jakarta.validation.constraints.AssertTrue;
import java.util.List;
import java.util.Set;
import org.gapsync.format.record.RecordMetadata;

/**
 * Which metadata fields a destination receives: all, or the listed ones (the identifier always).
 *
 * @param isAll whether every field is sent
 * @param fields the fields sent when not all
 */
public record MetadataSelection(boolean isAll, Set<String> fields) {
  /** The fields the record schema requires: a template cannot drop them. */
  public static final List<String> REQUIRED = List.of("identifier", "title", "fonds", "year",
      "retention", "openness");

  /** Copies the set. */
  public MetadataSelection {
    fields = Set.copyOf(fields);
  }

  /** Returns whether {@code field} is sent. */
  public boolean includes(String field) {
    return isAll || field.equals("identifier") || fields.contains(field);
  }

  /** Returns whether every listed field exists in the record schema or is a property. */
  @AssertTrue(message = "lists a field that is not in the record schema (nor property:NAME)")
  public boolean isEveryFieldKnown() {
    return fields.stream().allMatch(RecordMetadata::isKnownField);
  }

  /** Returns whether the fields the record schema requires are all sent. */
  @AssertTrue(message = "must keep the fields every metadata.xml requires: identifier, title, "
      + "fonds, year, retention, openness")
  public boolean isRequiredKept() {
    return isAll || fields.containsAll(REQUIRED.subList(1, REQUIRED.size()));
  }

  /** Returns the record's metadata as this destination receives it. */
  public RecordMetadata shape(RecordMetadata metadata) {
    return isAll ? metadata : metadata.retain(this::includes);
  }
}
