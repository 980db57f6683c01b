package org.gapsync.format.bag;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.format.PackageFormatException;

/**
 * The labelled elements of {@code bag-info.txt}, in order. Labels compare without regard to
 * letter case, as RFC 8493 asks for its reserved labels.
 *
 * @param elements the label and value pairs
 */
public record BagInfo(List<Element> elements) {
  /** The label holding the payload's octet and file counts. */
  public static final String PAYLOAD_OXUM = "Payload-Oxum";

  /**
   * One element.
   *
   * @param label the label, without the colon
   * @param value the value, on one line
   */
  public record Element(String label, String value) {
    /** Checks the label has no colon or line break and the value no line break. */
    public Element {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(value, "value");
      if (label.isBlank() || label.contains(":") || label.contains("\n")
          || value.contains("\n") || value.contains("\r")) {
        throw new IllegalArgumentException("not a bag-info element: " + label + ": " + value);
      }
    }
  }

  /** Copies the elements. */
  public BagInfo {
    elements = List.copyOf(elements);
  }

  /** Returns the first value under {@code label}. */
  public Optional<String> get(String label) {
    return elements.stream().filter(e -> e.label().equalsIgnoreCase(label))
        .map(Element::value).findFirst();
  }

  /** Returns a copy with {@code label} set to {@code value}, replacing earlier values. */
  public BagInfo with(String label, String value) {
    List<Element> copy = new ArrayList<>();
    elements.stream().filter(e -> !e.label().equalsIgnoreCase(label)).forEach(copy::add);
    copy.add(new Element(label, value));
    return new BagInfo(copy);
  }

  /** Returns the text form, one {@code Label: value} line per element. */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Element e : elements) {
      out.writeBytes((e.label() + ": " + e.value() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** Parses the text form, joining indented continuation lines to the element above. */
  public static BagInfo parse(String name, byte[] bytes) throws PackageFormatException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<Element> elements = new ArrayList<>();
    String label = null;
    StringBuilder value = new StringBuilder();
    int number = 0;
    for (String line : text.split("\r\n|\r|\n")) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (label == null) {
          throw new PackageFormatException(name + ":" + number + ": continuation before label");
        }
        value.append(' ').append(line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new PackageFormatException(name + ":" + number + ": expected 'Label: value'");
      }
      if (label != null) {
        elements.add(new Element(label, value.toString()));
      }
      label = line.substring(0, colon).strip();
      value.setLength(0);
      value.append(line.substring(colon + 1).strip());
    }
    if (label != null) {
      elements.add(new Element(label, value.toString()));
    }
    return new BagInfo(elements);
  }

  /**
   * Returns the elements gapsync writes for the bag {@code id} (package or receipt), before
   * {@code Payload-Oxum}: one volume, the header document and the signature's algorithm named.
   */
  public static BagInfo forGapsync(String id, java.time.Instant date, String description,
      org.gapsync.format.PackagePath header, String algorithm) {
    return forGapsync(id, id, "1 of 1", date, description, header, algorithm);
  }

  /**
   * Returns the elements gapsync writes for the bag {@code id}, one of {@code count} (as
   * {@code k of n}) bags of the group {@code group}, before {@code Payload-Oxum}.
   */
  public static BagInfo forGapsync(String id, String group, String count,
      java.time.Instant date, String description, org.gapsync.format.PackagePath header,
      String algorithm) {
    return new BagInfo(List.of(
        new Element("Bag-Software-Agent", "gapsync"),
        new Element("Bagging-Date", date.toString().substring(0, 10)),
        new Element("External-Identifier", id),
        new Element("External-Description", description),
        new Element("Bag-Group-Identifier", group),
        new Element("Bag-Count", count),
        new Element("Gapsync-Header", header.value()),
        new Element("Gapsync-Signature", BagLayout.SIGNATURE.value() + "; " + algorithm)));
  }

  /** Returns the {@code Payload-Oxum} value for {@code bytes} in {@code files} files. */
  public static String oxum(long bytes, long files) {
    return bytes + "." + files;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
