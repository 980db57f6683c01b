package org.gapsync.format.bag;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.gapsync.format.PackagePath;
import org.gapsync.format.container.ContainerReader;
import org.gapsync.format.validation.ValidationReport;
import org.gapsync.format.xml.XmlCodec;

/**
 * One kind of gapsync bag, told apart by its header document: the sync package
 * ({@code sync/package.xml}) or the receipt ({@code sync/receipt.xml}).
 *
 * @param <H> the header's domain type
 */
public interface HeaderKind<H> {
  /** Returns the header document's path in the bag. */
  PackagePath document();

  /** Returns the name of this kind for reports, such as {@code sync package}. */
  String displayName();

  /**
   * Returns whether the bag at {@code bag} (a folder, tar or zip) holds this kind's header
   * document, judged by its entries alone: how a file given to the wrong command is told
   * apart, before anything in it is trusted.
   */
  default boolean isHeldBy(Path bag) throws IOException {
    try (ContainerReader reader = ContainerReader.open(bag)) {
      String name = document().value();
      return reader.entries().stream().anyMatch(e -> e.name().equals(name));
    }
  }

  /**
   * Reads and validates the header.
   *
   * @throws org.gapsync.format.PackageFormatException when it is invalid or of a newer version
   */
  H read(XmlCodec.Source source) throws IOException;

  /**
   * Returns the id of the platform the header says made the bag, under which its signer's
   * certificate must be trusted: one trusted platform cannot speak for another.
   */
  String signerId(H header);

  /** Returns the payload files the header declares, with their sizes, by path in the bag. */
  Map<PackagePath, Long> declaredPayload(H header);

  /** Adds a finding for every disagreement between the header and the verified bag. */
  void check(H header, BagContents bag, ValidationReport.Builder findings);
}
