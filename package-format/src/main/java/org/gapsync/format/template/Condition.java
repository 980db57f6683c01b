package org.gapsync.format.template;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gapsync.format.record.RecordMetadata;

/** A rule on a record's metadata that selects it for automatic sync. */
public sealed interface Condition {
  /** Returns whether the record's metadata satisfies the rule. */
  boolean matches(RecordMetadata metadata);

  /** Selects every record. */
  record All() implements Condition {
    @Override
    public boolean matches(RecordMetadata metadata) {
      return true;
    }
  }

  /**
   * Selects records that satisfy every one of {@code conditions}.
   *
   * @param conditions the conditions, at least one
   */
  record And(@NotEmpty List<@Valid Condition> conditions) implements Condition {
    /** Copies the list. */
    public And {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean matches(RecordMetadata metadata) {
      return conditions.stream().allMatch(c -> c.matches(metadata));
    }
  }

  /**
   * Selects records that satisfy at least one of {@code conditions}.
   *
   * @param conditions the conditions, at least one
   */
  record Or(@NotEmpty List<@Valid Condition> conditions) implements Condition {
    /** Copies the list. */
    public Or {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean matches(RecordMetadata metadata) {
      return conditions.stream().anyMatch(c -> c.matches(metadata));
    }
  }

  /**
   * Selects records that do not satisfy {@code condition}.
   *
   * @param condition the condition negated
   */
  record Not(@Valid Condition condition) implements Condition {
    @Override
    public boolean matches(RecordMetadata metadata) {
      return !condition.matches(metadata);
    }
  }

  /**
   * Selects records whose {@code field} equals {@code value}.
   *
   * @param field a field of the record schema or {@code property:NAME}
   * @param value the value, compared exactly
   */
  record Equals(String field, String value) implements Condition {
    @Override
    public boolean matches(RecordMetadata metadata) {
      return metadata.get(field).filter(value::equals).isPresent();
    }

    /** Returns whether the field is one a record can have. */
    @AssertTrue(message = "names no field of the record schema (nor property:NAME)")
    public boolean isKnownField() {
      return RecordMetadata.isKnownField(field);
    }
  }

  /**
   * Selects records whose {@code field} is one of {@code values}.
   *
   * @param field a field of the record schema or {@code property:NAME}
   * @param values the accepted values
   */
  record In(String field, @NotEmpty Set<String> values) implements Condition {
    /** Copies the set. */
    public In {
      values = Set.copyOf(values);
    }

    @Override
    public boolean matches(RecordMetadata metadata) {
      return metadata.get(field).filter(values::contains).isPresent();
    }

    /** Returns whether the field is one a record can have. */
    @AssertTrue(message = "names no field of the record schema (nor property:NAME)")
    public boolean isKnownField() {
      return RecordMetadata.isKnownField(field);
    }
  }

  /**
   * Selects records whose {@code field} lies within the inclusive bounds; numbers compare as
   * numbers, other values as text.
   *
   * @param field a field of the record schema or {@code property:NAME}
   * @param min the lower bound, if any
   * @param max the upper bound, if any
   */
  record Range(String field, Optional<String> min, Optional<String> max) implements Condition {
    @Override
    public boolean matches(RecordMetadata metadata) {
      Optional<String> value = metadata.get(field);
      return value.isPresent() && min.map(m -> compare(value.get(), m) >= 0).orElse(true)
          && max.map(m -> compare(value.get(), m) <= 0).orElse(true);
    }

    /** Returns whether the field is one a record can have. */
    @AssertTrue(message = "names no field of the record schema (nor property:NAME)")
    public boolean isKnownField() {
      return RecordMetadata.isKnownField(field);
    }

    /** Returns whether at least one bound is given. */
    @AssertTrue(message = "a range needs min, max or both")
    public boolean isBounded() {
      return min.isPresent() || max.isPresent();
    }

    /** Returns whether min is not above max. */
    @AssertTrue(message = "min is above max")
    public boolean isOrdered() {
      return min.isEmpty() || max.isEmpty() || compare(min.get(), max.get()) <= 0;
    }

    private static int compare(String a, String b) {
      Optional<BigDecimal> x = number(a);
      Optional<BigDecimal> y = number(b);
      return x.isPresent() && y.isPresent() ? x.get().compareTo(y.get()) : a.compareTo(b);
    }

    private static Optional<BigDecimal> number(String s) {
      try {
        return Optional.of(new BigDecimal(s.strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }
}
