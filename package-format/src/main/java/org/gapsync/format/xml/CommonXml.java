package org.gapsync.format.xml;

import java.math.BigInteger;
import java.time.Instant;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestAlgorithm;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackagePath;
import org.gapsync.format.UnsafePathException;

/**
 * Conversions between the library's values and the types of the shared schema, for the mapping
 * classes of the package and receipt documents. Not part of the library's API.
 */
public final class CommonXml {
  private static final DatatypeFactory DATATYPES = datatypes();

  private CommonXml() {}

  /** Returns {@code instant} as an XML date-time in UTC. */
  public static XMLGregorianCalendar toXml(Instant instant) {
    GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    calendar.setTimeInMillis(instant.toEpochMilli());
    return DATATYPES.newXMLGregorianCalendar(calendar);
  }

  /** Returns the instant of an XML date-time; one without a time zone is refused. */
  public static Instant toInstant(String document, XMLGregorianCalendar value)
      throws PackageFormatException {
    if (value.getTimezone() == javax.xml.datatype.DatatypeConstants.FIELD_UNDEFINED) {
      throw new PackageFormatException(document + ": time " + value + " has no time zone");
    }
    return value.toGregorianCalendar().toInstant();
  }

  /** Returns the instant of an XML date-time's text, as {@link #toInstant(String,
   * XMLGregorianCalendar)} does. */
  public static Instant toInstant(String document, String lexical)
      throws PackageFormatException {
    try {
      return toInstant(document, DATATYPES.newXMLGregorianCalendar(lexical.strip()));
    } catch (IllegalArgumentException e) {
      throw new PackageFormatException(document + ": not a date-time: " + lexical, e);
    }
  }

  /** Returns an {@code xs:token}'s text as JAXB binds it: white space collapsed. */
  public static String token(String lexical) {
    return new jakarta.xml.bind.annotation.adapters.CollapsedStringAdapter().unmarshal(lexical);
  }

  /** Returns a schema integer's text as a long, refusing one that does not fit. */
  public static long toLong(String document, String lexical) throws PackageFormatException {
    try {
      return toLong(document, jakarta.xml.bind.DatatypeConverter.parseInteger(lexical.strip()));
    } catch (NumberFormatException e) {
      throw new PackageFormatException(document + ": not a number: " + lexical, e);
    }
  }

  /**
   * Reads the {@code volume} element the reader {@code xml} stands on, which the schema has
   * checked, and leaves the reader after it.
   */
  public static org.gapsync.format.Volume volume(String document, XmlCodec.Elements xml)
      throws PackageFormatException {
    long number = toLong(document, xml.attribute("number").orElseThrow());
    long count = toLong(document, xml.attribute("count").orElseThrow());
    xml.text();
    try {
      return new org.gapsync.format.Volume(Math.toIntExact(number), Math.toIntExact(count));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new PackageFormatException(document + ": " + e.getMessage(), e);
    }
  }

  /** Returns the binding of a file state. */
  public static org.gapsync.format.xml.common.FileState toXml(FileState file) {
    org.gapsync.format.xml.common.FileState xml = new org.gapsync.format.xml.common.FileState();
    xml.setPath(file.path().value());
    xml.setSize(BigInteger.valueOf(file.size()));
    xml.setSha256(file.digest().hex());
    return xml;
  }

  /** Returns the file state a binding describes, checking its path. */
  public static FileState fromXml(String document, org.gapsync.format.xml.common.FileState xml)
      throws PackageFormatException {
    return new FileState(path(document, xml.getPath()), toLong(document, xml.getSize()),
        Digest.parse(DigestAlgorithm.SHA256, xml.getSha256()));
  }

  /** Returns a checked path, naming the document when it is unsafe. */
  public static PackagePath path(String document, String path) throws PackageFormatException {
    try {
      return PackagePath.parse(path);
    } catch (UnsafePathException e) {
      throw new PackageFormatException(document + ": " + e.getMessage(), e);
    }
  }

  /** Returns a schema integer as a long, refusing one that does not fit. */
  public static long toLong(String document, BigInteger value) throws PackageFormatException {
    if (value.bitLength() > 63) {
      throw new PackageFormatException(document + ": number too large: " + value);
    }
    return value.longValueExact();
  }

  private static DatatypeFactory datatypes() {
    try {
      return DatatypeFactory.newInstance();
    } catch (DatatypeConfigurationException e) {
      throw new AssertionError("every JDK provides a DatatypeFactory", e);
    }
  }
}
