package org.gapsync.format;

/** Signals an XML document that is not well-formed, not allowed, or invalid against its schema. */
public final class SchemaViolationException extends PackageFormatException {
  private static final long serialVersionUID = 1L;
  private final String document;
  private final int line;

  /** Creates an exception for {@code document} at {@code line} (0 when unknown). */
  public SchemaViolationException(String document, int line, String rule, Throwable cause) {
    super(document + (line > 0 ? ":" + line : "") + ": " + rule, cause);
    this.document = document;
    this.line = line;
  }

  /** Returns the name of the offending document. */
  public String document() {
    return document;
  }

  /** Returns the line of the first violation, or 0 when the parser did not say. */
  public int line() {
    return line;
  }
}
