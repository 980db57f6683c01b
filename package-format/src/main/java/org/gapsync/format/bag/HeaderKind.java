package org.gapsync.format.bag;

import java.io.IOException;
import java.nio.file.Path;
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
      return reader.find(document().value()).isPresent();
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

  /**
   * Returns the payload files the header declares, each time walked from the header again: a
   * verifier compares them with the manifest and the container as they come, in one pass when
   * all three list the files in one order.
   */
  Iterable<DeclaredFile> declaredPayload(H header);

  /**
   * Returns whether the header declares every payload file, so that any other payload file is
   * a finding; a receipt's header declares none and says nothing of its payload.
   */
  default boolean declaresPayload() {
    return false;
  }

  /**
   * Adds a finding for every disagreement between the header and the bag's metadata; the
   * verifier itself compares the declared payload with the manifest and the container.
   */
  void check(H header, BagContents bag, ValidationReport.Builder findings);
}
